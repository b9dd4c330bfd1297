import * as assert from 'node:assert/strict';
import { dockerfile, expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-tool-in-other-stage', () => {
  it('flags curl installed by apk in the builder but called by the final stage, naming the builder', () => {
    const text = dockerfile`
      FROM golang:1.22-alpine AS build
      RUN apk add --no-cache git curl
      FROM alpine:3.20
      HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
    `;
    const finding = expectOne(text, 'healthcheck-tool-in-other-stage', 'warning', 'curl', 1);
    assert.match(finding.message, /curl is installed in stage "build" \(line 2\), not in this stage, which is built from alpine:3\.20/);
  });
  it('reads apt-get install over continuation lines and the exec form', () => {
    const text = dockerfile`
      FROM debian:12 AS tools
      RUN apt-get update \\
       && apt-get install -y --no-install-recommends wget ca-certificates
      FROM debian:12-slim
      HEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost/"]
    `;
    expectOne(text, 'healthcheck-tool-in-other-stage', 'warning', '"wget"');
  });
  it('leaves a tool installed in the stage, in a stage it is built from, or copied in alone', () => {
    expectNone('FROM alpine AS b\nRUN apk add curl\nFROM alpine\nRUN apk add curl\nHEALTHCHECK CMD curl -f x\n', 'healthcheck-tool-in-other-stage');
    expectNone('FROM alpine AS base\nRUN apk add curl\nFROM base\nHEALTHCHECK CMD curl -f x\n', 'healthcheck-tool-in-other-stage');
    expectNone('FROM alpine AS b\nRUN apk add curl\nFROM scratch\nCOPY --from=b /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD ["curl", "-f", "x"]\n', 'healthcheck-tool-in-other-stage');
    expectNone('FROM alpine\nHEALTHCHECK CMD curl -f x\n', 'healthcheck-tool-in-other-stage');
  });
  it('reads a COPY --from in the JSON form as BuildKit does: its items are the paths (no false warning)', () => {
    // line_parsers.go parseMaybeJSONToList: ["src", …, "dest"]; read as words, `["/usr/bin/curl",` named no file.
    expectNone('FROM alpine AS build\nRUN apk add --no-cache curl\nFROM scratch\nCOPY --from=build ["/usr/bin/curl", "/usr/bin/"]\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n', 'healthcheck-tool-in-other-stage');
  });
});
