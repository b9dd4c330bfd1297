import type { Node } from 'yaml';
import type { Range } from '../compose/range';
import type { Report, Rule } from './rule';
import type { Finding } from './types';

/**
 * Collects findings: clamps ranges into the document, drops duplicates (the same problem seen from two
 * services sharing an anchor), and reports a problem inside an anchored block both where it is written and
 * where it is used. Problems written in another file are left to that file's own check.
 */
export class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  private full = false;

  constructor(
    private readonly text: string,
    private readonly maxFindings: number,
  ) {}

  add(rule: Rule, report: Report): void {
    if (report.origin?.foreign) return;
    const range = this.clamp(this.rangeOfTarget(report.at));
    this.push({ code: rule.code, severity: rule.severity, message: report.message, range, ...(report.fixes?.length ? { fixes: report.fixes } : {}) });
    const via = report.origin?.via;
    if (via) {
      this.push({
        code: rule.code,
        severity: rule.severity,
        message: `${report.message} (Written in ${via.label}, used here.)`,
        range: this.clamp(via.range),
        ...(report.fixes?.length ? { fixes: report.fixes } : {}),
      });
    }
  }

  /** A check of ours that threw: its internal-error finding (`internalError`), among the other results. */
  addInternalError(what: string, error: unknown): void {
    const finding = internalError(what, error);
    this.add({ code: finding.code, severity: finding.severity }, { at: finding.range, message: finding.message });
  }

  private push(finding: Finding): void {
    if (this.full) return;
    const key = `${finding.code}:${finding.range.start}:${finding.range.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.findings.length >= this.maxFindings) {
      this.full = true;
      this.findings.push({
        code: 'check-limit',
        severity: 'warning',
        message: `More than ${this.maxFindings} problems; the rest are not shown. Fix these first (a file that is not YAML at all gives many).`,
        range: { start: 0, end: 0 },
      });
      return;
    }
    this.findings.push(finding);
  }

  private clamp(range: Range): Range {
    const start = Math.max(0, Math.min(range.start, this.text.length));
    const end = Math.max(start, Math.min(range.end, this.text.length));
    return { start, end };
  }

  /** A node's written extent, without the line break that ends a block collection's range. */
  private rangeOfTarget(at: Node | Range): Range {
    if ('start' in at && typeof at.start === 'number') return at as Range;
    const r = (at as Node).range;
    if (!r) return { start: 0, end: 0 };
    const written = this.text.slice(r[0], r[1]).trimEnd();
    return { start: r[0], end: written ? r[0] + written.length : r[1] };
  }
}

/** A bug of ours met on unforeseen input: shown as a finding, never thrown into the editor or the CLI. */
export function internalError(what: string, error: unknown): Finding {
  return {
    code: 'internal-error',
    severity: 'warning',
    message: `Compose Health could not finish ${what} (${String(error)}); the other results are shown. Please report this with the file.`,
    range: { start: 0, end: 0 },
  };
}
