/**
 * Bounds that keep a check fast on hostile input (a 5 MB file, a YAML alias bomb, binary garbage).
 * When one stops the check, the linter says so in a `check-limit` finding instead of going quiet.
 */
export interface Limits {
  /** Documents longer than this (in characters) are not parsed at all: yaml needs ~1 s per MB here. */
  maxChars: number;
  /** Alias and merge-key resolutions per document; an alias bomb reaches this quickly. */
  maxAliasResolutions: number;
  /** Findings per document; more than this (e.g. garbage with thousands of syntax errors) is cut. */
  maxFindings: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxChars: 2 * 1024 * 1024,
  maxAliasResolutions: 10_000,
  maxFindings: 200,
};
