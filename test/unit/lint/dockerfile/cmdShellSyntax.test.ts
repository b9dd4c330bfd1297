import * as assert from 'node:assert/strict';
import { dockerfile, expectFix, expectNone, expectOne } from './support';

describe('Dockerfile cmd-shell-syntax', () => {
  it('flags || in the exec form, because no shell runs it, and converts to the shell form', () => {
    const text = dockerfile`
      FROM alpine
      HEALTHCHECK CMD ["curl", "-f", "http://localhost/", "||", "exit", "1"]
    `;
    const finding = expectOne(text, 'cmd-shell-syntax', 'warning', '"||"');
    assert.match(finding.message, /without a shell: "\|\|" is passed to curl as a literal argument/);
    expectFix(text, finding, 'FROM alpine\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n');
  });
  it('flags every $VAR item, since BuildKit substitutes no variable in HEALTHCHECK', () => {
    const text = 'FROM alpine\nENV PORT=8080\nHEALTHCHECK CMD ["wget", "-q", "http://localhost:$PORT/"]\n';
    const finding = expectOne(text, 'cmd-shell-syntax', 'warning', '"http://localhost:$PORT/"');
    assert.match(finding.message, /substitutes no ARG or ENV value in HEALTHCHECK, and no shell expands \$PORT/);
  });
  it('leaves a shell script, the shell form and plain exec items alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK CMD ["sh", "-c", "curl -f http://x || exit 1"]\n', 'cmd-shell-syntax');
    expectNone('FROM alpine\nHEALTHCHECK CMD curl -f http://x || exit 1\n', 'cmd-shell-syntax');
    expectNone('FROM alpine\nHEALTHCHECK CMD ["curl", "-f", "http://x"]\n', 'cmd-shell-syntax');
  });
  it('reads an exec form spread over continuation lines', () => {
    const text = 'FROM alpine\nHEALTHCHECK --interval=5s \\\n  CMD ["curl", \\\n  "-f", "http://x", "&&", "true"]\n';
    expectOne(text, 'cmd-shell-syntax', 'warning', '"&&"');
  });
});
