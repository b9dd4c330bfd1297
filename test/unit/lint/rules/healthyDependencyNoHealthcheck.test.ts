import * as assert from 'node:assert/strict';
import { expectNone, expectOne, findings, withProjectFiles, yaml } from '../support';

describe('rule healthy-dependency-no-healthcheck', () => {
  it('warns about service_healthy on a service without a healthcheck', () => {
    const text = yaml`
      services:
        db:
          image: postgres
        web:
          depends_on:
            db:
              condition: service_healthy
    `;
    expectOne(text, 'healthy-dependency-no-healthcheck', 'warning', 'service_healthy');
  });
  it('accepts a healthcheck written on the service, inherited through a merge key, or only re-timing the image\'s', () => {
    const text = yaml`
      x-hc: &hc
        healthcheck:
          test: ["CMD", "true"]
      services:
        a:
          <<: *hc
        b:
          healthcheck:
            interval: 5s
        web:
          depends_on:
            a: {condition: service_healthy}
            b: {condition: service_healthy}
    `;
    expectNone(text, 'healthy-dependency-no-healthcheck');
  });
});

const WITH_CHECK = 'FROM busybox\nHEALTHCHECK --interval=5s CMD wget -q -O- http://localhost:8080/health || exit 1\n';
const FROM_SCRATCH = 'FROM busybox AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/busybox /busybox\n';
const FROM_REGISTRY = 'FROM nginx:1.27\n';

describe('rule healthy-dependency-no-healthcheck, with the dependency\'s Dockerfile', () => {
  const compose = 'services:\n  app:\n    image: busybox\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    build: ./db\n';
  it('is quiet when the Dockerfile that builds the dependency writes a HEALTHCHECK (up waits for it)', () => {
    expectNone(compose, 'healthy-dependency-no-healthcheck', withProjectFiles(compose, { '/p/db/Dockerfile': WITH_CHECK }));
  });
  it('is certain when that Dockerfile has none', () => {
    const [finding] = findings(compose, 'healthy-dependency-no-healthcheck', withProjectFiles(compose, { '/p/db/Dockerfile': FROM_SCRATCH }));
    assert.match(finding.message, /"db" defines no healthcheck here and db\/Dockerfile writes no HEALTHCHECK and its stages start from `scratch`, so `docker compose up` fails/);
  });
  it('keeps the hedged warning when the image comes from a registry', () => {
    const [finding] = findings(compose, 'healthy-dependency-no-healthcheck', withProjectFiles(compose, { '/p/db/Dockerfile': FROM_REGISTRY }));
    assert.match(finding.message, /unless its image has a HEALTHCHECK/);
  });
});
