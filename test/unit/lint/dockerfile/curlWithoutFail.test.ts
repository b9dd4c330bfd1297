import { dockerfile, expectFix, expectNone, expectOne } from './support';

describe('Dockerfile curl-without-fail', () => {
  it('flags curl without -f in the shell form and adds -f', () => {
    const text = dockerfile`
      FROM nginx
      HEALTHCHECK --interval=10s CMD curl http://localhost/ || exit 1
    `;
    const finding = expectOne(text, 'curl-without-fail', 'warning', 'curl');
    expectFix(text, finding, 'FROM nginx\nHEALTHCHECK --interval=10s CMD curl -f http://localhost/ || exit 1\n');
  });
  it('flags curl without -f in the exec form and adds the item "-f"', () => {
    const text = 'FROM nginx\nHEALTHCHECK CMD ["curl", "http://localhost/"]\n';
    const finding = expectOne(text, 'curl-without-fail', 'warning', '"curl"');
    expectFix(text, finding, 'FROM nginx\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n');
  });
  it('finds it in a sh -c script', () => {
    expectOne('FROM nginx\nHEALTHCHECK CMD ["sh", "-c", "curl -s http://x"]\n', 'curl-without-fail', 'warning', 'curl');
  });
  it('leaves -f, --fail, -fsS and piped output alone', () => {
    expectNone('FROM nginx\nHEALTHCHECK CMD curl -fsS http://x\n', 'curl-without-fail');
    expectNone('FROM nginx\nHEALTHCHECK CMD ["curl", "--fail", "http://x"]\n', 'curl-without-fail');
    expectNone('FROM nginx\nHEALTHCHECK CMD curl -s http://x | grep ok\n', 'curl-without-fail');
  });
});
