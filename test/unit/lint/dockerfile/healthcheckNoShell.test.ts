import * as assert from 'node:assert/strict';
import { dockerfile, expectFix, expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-no-shell', () => {
  it('flags the shell form in a FROM scratch stage and converts a plain command to the exec form', () => {
    const text = 'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD /app health\n';
    const finding = expectOne(text, 'healthcheck-no-shell', 'warning', '/app health');
    assert.match(finding.message, /built from scratch, which has no shell/);
    expectFix(text, finding, 'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD ["/app", "health"]\n');
  });
  it('follows a stage built from a scratch stage, and distroless bases', () => {
    const text = dockerfile`
      FROM scratch AS base
      COPY app /app
      FROM base
      HEALTHCHECK CMD /app health || exit 1
    `;
    expectOne(text, 'healthcheck-no-shell', 'warning', '/app health || exit 1');
    expectOne('FROM gcr.io/distroless/static-debian12:nonroot\nHEALTHCHECK CMD ["sh", "-c", "x"]\n', 'healthcheck-no-shell', 'warning', '"sh"');
  });
  it('leaves the exec form, :debug tags, a SHELL and a copied-in shell alone', () => {
    expectNone('FROM scratch\nHEALTHCHECK CMD ["/app", "health"]\n', 'healthcheck-no-shell');
    expectNone('FROM gcr.io/distroless/base:debug\nHEALTHCHECK CMD /app health\n', 'healthcheck-no-shell');
    expectNone('FROM scratch\nSHELL ["/app", "run"]\nHEALTHCHECK CMD health\n', 'healthcheck-no-shell');
    expectNone('FROM scratch\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\nHEALTHCHECK CMD /app health\n', 'healthcheck-no-shell');
    expectNone('FROM alpine\nHEALTHCHECK CMD /app health\n', 'healthcheck-no-shell');
  });
});
