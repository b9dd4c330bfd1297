import * as assert from 'node:assert/strict';
import { expectNone, expectOne, withProjectFiles } from '../support';

// The rules that read the effective check across files: a compose service's image as its workspace
// Dockerfile builds it (src/core/dockerfile/imageCheck.ts).

const WITH_CHECK = 'FROM busybox\nHEALTHCHECK --interval=5s CMD wget -q -O- http://localhost:8080/health || exit 1\n';
const FROM_SCRATCH = 'FROM busybox AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/busybox /busybox\n';
const CHECK_NONE = 'FROM busybox\nHEALTHCHECK NONE\n';
const FROM_REGISTRY = 'FROM nginx:1.27\n';

describe('rule disable-hides-image-check', () => {
  it('notes that disable: true turns off the HEALTHCHECK the Dockerfile writes, quoting it', () => {
    const compose = 'services:\n  web:\n    build: ./app\n    healthcheck:\n      disable: true\n';
    const finding = expectOne(compose, 'disable-hides-image-check', 'info', 'disable', withProjectFiles(compose, { '/p/app/Dockerfile': WITH_CHECK }));
    assert.match(finding.message, /turns off the image's own HEALTHCHECK \(app\/Dockerfile:2: `wget -q -O- http:\/\/localhost:8080\/health \|\| exit 1`\) for "web"/);
  });
  it('also for test: ["NONE"] on a service whose image another service builds', () => {
    const compose = 'services:\n  api:\n    build: .\n    image: shop/api\n  worker:\n    image: shop/api\n    healthcheck:\n      test: ["NONE"]\n';
    expectOne(compose, 'disable-hides-image-check', 'info', 'test', withProjectFiles(compose, { '/p/Dockerfile': WITH_CHECK }));
  });
  it('says nothing when the image has no check, is unknown, or the check is not disabled', () => {
    const compose = 'services:\n  web:\n    build: .\n    healthcheck:\n      disable: true\n';
    for (const dockerfile of [FROM_SCRATCH, CHECK_NONE, FROM_REGISTRY]) expectNone(compose, 'disable-hides-image-check', withProjectFiles(compose, { '/p/Dockerfile': dockerfile }));
    expectNone(compose, 'disable-hides-image-check');
    const enabled = 'services:\n  web:\n    build: .\n    healthcheck:\n      interval: 3s\n';
    expectNone(enabled, 'disable-hides-image-check', withProjectFiles(enabled, { '/p/Dockerfile': WITH_CHECK }));
  });
});
