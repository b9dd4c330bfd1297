import type { Severity } from '../core/lint';

/** One finding located for people and tools: lines and columns are 1-based; the end column is exclusive. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}
