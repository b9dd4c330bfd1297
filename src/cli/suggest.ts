import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readTextFile, type ReadFailure } from '../core/compose/files';
import { loadCompose } from '../core/compose/load';
import { describeEngineError } from '../core/engine/errors';
import { hostEngineInputs, openDockerodeEngine } from '../core/engine/open';
import { COMPOSE_LABELS } from '../core/identity/labels';
import { fileIdentity } from '../core/identity/projectIdentity';
import { ContainerLocator } from '../core/probe/locator';
import { suggestionReport, type SuggestionReport } from '../core/suggest/report';
import { suggestHealthcheck } from '../core/suggest/suggest';
import { applyHealthcheck, declaredServicePorts, definesService } from '../core/suggest/yamlEdit';

export interface SuggestInvocation {
  format: 'text' | 'json';
  apply: boolean;
  file: string;
  services: string[];
}

/** 0: every service got a verified healthcheck; 1: some did not; 2: usage, file or engine trouble. */
const EXIT = { verified: 0, unverified: 1, trouble: 2 } as const;

/**
 * `compose-health suggest`: one suggestion per service, each run inside the service's running container
 * through the Engine the docker CLI would use (the extension's own resolution, src/core/engine/address.ts).
 */
export async function runSuggest(invocation: SuggestInvocation, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const file = resolve(invocation.file);
  const read = readTextFile(file, 16 * 1024 * 1024);
  if (!read.ok) {
    err(`compose-health: cannot read ${invocation.file} (${read.reason}); check the path.\n`);
    return EXIT.trouble;
  }
  const readOther = (path: string): string | ReadFailure => {
    const other = readTextFile(path, 16 * 1024 * 1024);
    return other.ok ? other.text : other;
  };
  const model = loadCompose(read.text, { fileName: file, env: process.env, readFile: readOther });
  if (model.services.length === 0) {
    err(`compose-health: ${invocation.file} is not a compose file with services (no services: mapping was found).\n`);
    return EXIT.trouble;
  }
  const names = invocation.services.length > 0 ? invocation.services : model.services.map((s) => s.name);
  const unknown = names.filter((n) => !model.services.some((s) => s.name === n));
  if (unknown.length > 0) {
    err(`compose-health: ${invocation.file} has no service ${unknown.map((n) => `"${n}"`).join(', ')}; its services are ${model.services.map((s) => s.name).join(', ')}.\n`);
    return EXIT.trouble;
  }

  const opened = openDockerodeEngine(hostEngineInputs());
  if (!opened.ok) {
    err(`compose-health: ${opened.error}\n`);
    return EXIT.trouble;
  }
  const client = opened.client;
  try {
    await client.version();
  } catch (error) {
    const problem = describeEngineError(error, opened.address.url);
    // The extension's hints name its setting; the CLI's user sets DOCKER_HOST or a docker context instead.
    const hint = problem.hint.includes('composeHealth.docker.host') ? 'Start Docker, or point DOCKER_HOST (or `docker context use`) at your engine, then try again.' : problem.hint;
    err(`compose-health: ${problem.message}. ${hint}\n`);
    return EXIT.trouble;
  }
  const engine = client;
  const members = await new ContainerLocator(engine).find(fileIdentity(file, model));

  const reports: SuggestionReport[] = [];
  let trouble = false;
  for (const service of names) {
    const container = members.find((c) => c.labels[COMPOSE_LABELS.service] === service && c.state === 'running');
    if (!container) {
      err(`compose-health: service "${service}" has no running container. Start it (docker compose -f ${invocation.file} up -d ${service}), then suggest again.\n`);
      trouble = true;
      continue;
    }
    if (invocation.format === 'text') err(`${service}: examining ${container.name}…\n`);
    const result = await suggestHealthcheck(engine, container.id, {
      servicePorts: declaredServicePorts(read.text, service),
      onProgress: (p) => {
        if (invocation.format !== 'text') return;
        if (p.kind === 'waiting' && p.round === 1) err(`${service}: nothing passed yet; the container started recently, so waiting up to ${Math.round(p.limitMs / 1000)} s for it to come up…\n`);
      },
    });
    reports.push(suggestionReport(file, service, container.name, result));
  }

  if (invocation.apply) {
    const applied = applyAll(file, read.text, reports, readOther, err);
    if (!applied) trouble = true;
  }
  out(invocation.format === 'json' ? `${JSON.stringify(reports, null, 2)}\n` : reports.map(textReport).join('\n'));
  if (trouble) return EXIT.trouble;
  return reports.every((r) => r.healthcheck !== null) ? EXIT.verified : EXIT.unverified;
}

/**
 * Writes every verified suggestion into the file that defines its service (this file, or for an
 * override that only mentions the service, the base file that defines it). Each file is written once,
 * whole, through a temporary file renamed over it, and only if it did not change since it was read:
 * nothing is half-written.
 */
function applyAll(file: string, text: string, reports: SuggestionReport[], readOther: (path: string) => string | ReadFailure, err: (text: string) => void): boolean {
  const model = loadCompose(text, { fileName: file, env: process.env, readFile: readOther });
  const edits = new Map<string, { original: string; text: string }>();
  for (const report of reports) {
    if (!report.healthcheck) continue;
    const target = [file, ...(model.baseFiles ?? [])].find((f) => {
      const t = f === file ? text : readOther(f);
      return typeof t === 'string' && definesService(t, report.service);
    }) ?? file;
    const current = edits.get(target) ?? { original: target === file ? text : (readOther(target) as string), text: '' };
    const edited = applyHealthcheck(current.text || current.original, report.service, report.healthcheck);
    if (!edited.ok) {
      err(`compose-health: not applied to ${report.service}: ${edited.message}\n`);
      return false;
    }
    edits.set(target, { original: current.original, text: edited.text });
    report.appliedTo = target;
  }
  for (const [target, edit] of edits) {
    try {
      if (readFileSync(target, 'utf8') !== edit.original) {
        err(`compose-health: ${target} changed while suggesting; nothing was written to it. Run suggest again.\n`);
        return false;
      }
      const temporary = join(dirname(target), `.${basename(target)}.compose-health-${process.pid}`);
      writeFileSync(temporary, edit.text);
      renameSync(temporary, target);
    } catch (error) {
      err(`compose-health: cannot write ${target}: ${(error as Error).message}. Nothing was written to it; check its permissions.\n`);
      return false;
    }
  }
  return true;
}

function textReport(report: SuggestionReport): string {
  const lines: string[] = [];
  if (report.healthcheck) {
    const hc = report.healthcheck;
    lines.push(`${report.service} (${report.container}): a healthcheck that passed in the container${report.appliedTo ? `, written to ${report.appliedTo}` : ''}`);
    lines.push('  healthcheck:', `    test: ${JSON.stringify(hc.test).replace(/","/g, '", "')}`, `    interval: ${hc.interval}`, `    timeout: ${hc.timeout}`, `    retries: ${hc.retries}`, `    start_period: ${hc.start_period}`);
    if (hc.start_interval) lines.push(`    start_interval: ${hc.start_interval}`);
    lines.push(`  verified: exit ${report.verified!.exitCode} in ${report.verified!.durationMs} ms`);
  } else {
    lines.push(`${report.service} (${report.container}): no healthcheck suggested. ${report.reason}`);
  }
  for (const b of report.basis) lines.push(`  - ${b}`);
  const failed = report.tried.filter((t) => t.exitCode !== 0);
  if (report.tried.length > 0) lines.push(`  tried ${report.tried.length} check(s), ${failed.length} failed (--format json lists each with its exit code and output)`);
  return `${lines.join('\n')}\n`;
}
