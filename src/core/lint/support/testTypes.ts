import { nearMatch } from './nearMatch';
import { TEST_TYPES } from './testForm';

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
