import { nearMatch } from './nearMatch';

/** The test types the engine knows (a compose `test:` list's first item). Here, free of the YAML parser, for the Dockerfile rules too. */
export const TEST_TYPES = ['CMD', 'CMD-SHELL', 'NONE'] as const;

/**
 * Whether a list test's first item was meant as the type (`cmd`, `CMD_SHELL`, `CMDSHELL`) rather than
 * being the program itself (`curl`): a type is one upper- or lower-case word close to a known type.
 */
export function looksLikeType(first: string): boolean {
  return /^[A-Z][A-Z_ -]*$/.test(first) || meantType(first) !== undefined;
}

export function meantType(first: string): string | undefined {
  const upper = first.toUpperCase().replace(/[_ ]/g, '-');
  if ((TEST_TYPES as readonly string[]).includes(upper)) return upper;
  if (upper === 'CMDSHELL' || upper === 'SHELL') return 'CMD-SHELL';
  return /^[A-Z-]+$/.test(upper) ? nearMatch(upper, TEST_TYPES) : undefined;
}
