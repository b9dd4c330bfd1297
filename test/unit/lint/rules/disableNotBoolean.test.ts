import { expectFix, expectNone, expectOne } from '../support';

describe('rule disable-not-boolean', () => {
  it('warns that disable: yes is a string and writes true', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      disable: yes\n';
    expectFix(text, expectOne(text, 'disable-not-boolean', 'warning', 'yes'), text.replace('yes', 'true'));
  });
  it('writes false for off', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      disable: "off"\n';
    expectFix(text, expectOne(text, 'disable-not-boolean', 'warning', '"off"'), text.replace('"off"', 'false'));
  });
  it('accepts real booleans', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      disable: false\n', 'disable-not-boolean');
  });
});
