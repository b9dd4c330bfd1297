import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type Severity } from '../../core/lint';
import { DOCKERFILE_RULES } from '../../core/lint/dockerfile';
import type { Problem } from '../problems';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 (OASIS): one run whose driver lists every rule, each with its default level and a `helpUri`
 * into the rules documentation. Files under the working directory are given relative to `%SRCROOT%`, which is
 * what code-scanning services expect; others as absolute file URIs.
 */
export function formatSarif(problems: readonly Problem[], options: { cwd: string; rulesDoc: string }): string {
  // A finding whose code is not a rule (internal-error) still needs a descriptor for its ruleIndex.
  // The Dockerfile rules that share a code with a compose rule share its severity too (docs/rules.md).
  const all = [...RULES, ...DOCKERFILE_RULES];
  const ruleIds = [...new Set([...all.map((r) => r.code), ...problems.map((p) => p.code)])];
  const defaults = new Map<string, Severity>(all.map((r) => [r.code, r.severity]));
  const rules = ruleIds.map((id) => ({
    id,
    helpUri: `${options.rulesDoc}#${id}`,
    ...(defaults.has(id) ? { defaultConfiguration: { level: LEVEL[defaults.get(id)!] } } : {}),
  }));
  const results = problems.map((p) => ({
    ruleId: p.code,
    ruleIndex: ruleIds.indexOf(p.code),
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(p.file, options.cwd),
          region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'compose-health', informationUri: options.rulesDoc, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, isAbsolute(file) ? file : `${cwd}${sep}${file}`);
  if (rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
