import { expectFix, expectNone, expectOne } from '../support';

describe('rule exit-code-2', () => {
  it('notes that exit 2 is reserved and offers exit 1', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: wget -q http://x || exit 2\n';
    expectFix(text, expectOne(text, 'exit-code-2', 'info', 'exit 2'), text.replace('exit 2', 'exit 1'));
  });
  it('accepts exit 1 and a 2 that is not an exit code', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: ["CMD-SHELL", "sleep 2 && test -f /ok || exit 1"]\n', 'exit-code-2');
  });
});
