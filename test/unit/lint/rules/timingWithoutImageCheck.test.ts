import * as assert from 'node:assert/strict';
import { expectNone, expectOne, withProjectFiles } from '../support';

// The rules that read the effective check across files: a compose service's image as its workspace
// Dockerfile builds it (src/core/dockerfile/imageCheck.ts).

const WITH_CHECK = 'FROM busybox\nHEALTHCHECK --interval=5s CMD wget -q -O- http://localhost:8080/health || exit 1\n';
const FROM_SCRATCH = 'FROM busybox AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/busybox /busybox\n';
const CHECK_NONE = 'FROM busybox\nHEALTHCHECK NONE\n';
const FROM_REGISTRY = 'FROM nginx:1.27\n';

describe('rule timing-without-image-check', () => {
  const compose = 'services:\n  web:\n    build: .\n    healthcheck:\n      interval: 2s\n';
  it('warns when the Dockerfile writes no HEALTHCHECK and starts from scratch: the timing re-times nothing', () => {
    const finding = expectOne(compose, 'timing-without-image-check', 'warning', 'healthcheck', withProjectFiles(compose, { '/p/Dockerfile': FROM_SCRATCH }));
    assert.match(finding.message, /Dockerfile writes no HEALTHCHECK and its stages start from `scratch`: no probe runs/);
    expectNone(compose, 'timing-without-test', withProjectFiles(compose, { '/p/Dockerfile': FROM_SCRATCH }));
  });
  it('warns on HEALTHCHECK NONE, naming its line', () => {
    const finding = expectOne(compose, 'timing-without-image-check', 'warning', 'healthcheck', withProjectFiles(compose, { '/p/Dockerfile': CHECK_NONE }));
    assert.match(finding.message, /`HEALTHCHECK NONE` at Dockerfile:2 turns the image's check off/);
  });
  it('says nothing when the Dockerfile has a check (re-timing it is meant) and keeps the info when the image is unknown', () => {
    expectNone(compose, 'timing-without-image-check', withProjectFiles(compose, { '/p/Dockerfile': WITH_CHECK }));
    expectNone(compose, 'timing-without-test', withProjectFiles(compose, { '/p/Dockerfile': WITH_CHECK }));
    expectNone(compose, 'timing-without-image-check', withProjectFiles(compose, { '/p/Dockerfile': FROM_REGISTRY }));
    expectOne(compose, 'timing-without-test', 'info', 'healthcheck', withProjectFiles(compose, { '/p/Dockerfile': FROM_REGISTRY }));
    expectOne(compose, 'timing-without-test', 'info', 'healthcheck', withProjectFiles(compose, {}));
  });
});
