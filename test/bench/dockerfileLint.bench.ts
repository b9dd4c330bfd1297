// Dockerfile lint speed (issue 13): a 2,000-line Dockerfile, linted (parse + model + every Dockerfile
// rule) against dockerfile-ast's bare parse of the same text (target: lint ≤ 1.30 × parse), in wall time
// and in the process's CPU time. Figures are printed, not asserted. RUNS=n sets the runs (default 61).
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfileText } from '../../src/core/lint/dockerfile';
import { pairedMedianMs } from './lint/measure';

/** Stages of a realistic shape: a builder installing tools, RUN chains over continuation lines, HEALTHCHECKs. */
function bigDockerfile(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20'];
  for (let s = 0; out.length < lines; s++) {
    out.push(
      `FROM \${BASE} AS stage${s}`,
      'RUN apk add --no-cache curl ca-certificates \\',
      '    && adduser -D app \\',
      '    && mkdir -p /srv/app',
      'WORKDIR /srv/app',
      `COPY --from=stage${Math.max(0, s - 1)} /srv/app /srv/app`,
      'ENV PORT=8080 MODE=production',
      `HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1`,
      'RUN echo building \\',
      '    && echo step two',
      `HEALTHCHECK --interval=15s CMD ["wget", "-q", "-O-", "http://localhost:8080/ready"]`,
      'USER app',
      'EXPOSE 8080',
      'CMD ["/srv/app/server"]',
      '',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

const RUNS = Number(process.env.RUNS ?? 61);
const text = bigDockerfile(2000);
const findings = lintDockerfileText(text).length;
const parse = () => DockerfileParser.parse(text);
const lint = () => lintDockerfileText(text);
const [parseMs, lintMs] = pairedMedianMs(parse, lint, RUNS);
const [parseCpu, lintCpu] = pairedMedianMs(parse, lint, RUNS, 3, 'cpu');
console.log(`2,000-line Dockerfile: ${text.split('\n').length - 1} lines, ${findings} findings; ${RUNS} runs of each, alternating`);
console.log(`  wall time: dockerfile-ast parse median ${parseMs.toFixed(1)} ms, lintDockerfileText median ${lintMs.toFixed(1)} ms, ratio ${(lintMs / parseMs).toFixed(2)}`);
console.log(`  CPU time:  dockerfile-ast parse median ${parseCpu.toFixed(1)} ms, lintDockerfileText median ${lintCpu.toFixed(1)} ms, ratio ${(lintCpu / parseCpu).toFixed(2)}`);
console.log(`  (target: lint / parse ≤ 1.30; CPU time is the steadier figure on a loaded machine)`);
