import { HEALTHCHECK_FLAGS } from '../../../dockerfile/model';
import { fix, replace } from '../../support/textEdits';
import { nearMatch } from '../../support/nearMatch';
import type { DockerfileRule } from '../rule';

/**
 * BuildKit's flag parser (instructions/bflag.go BFlags.Parse) fails the build on an unknown flag
 * ("unknown flag: --intervall"), a flag without `=value` ("missing a value on flag: --interval") and a
 * flag given twice ("duplicate flag specified: --interval"); parse.go parseHealthcheck reads
 * `--retries` with strconv.ParseInt. `HEALTHCHECK NONE` parses no flag at all, so none is reported there.
 */
export const healthcheckFlagInvalid: DockerfileRule = {
  code: 'healthcheck-flag-invalid',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    if (hc.typeName === 'NONE') return;
    const seen = new Set<string>();
    for (const flag of hc.flags) {
      const written = `--${flag.name}`;
      if (!(HEALTHCHECK_FLAGS as readonly string[]).includes(flag.name)) {
        const meant = nearMatch(flag.name, HEALTHCHECK_FLAGS.map((f) => f.replace(/-/g, '_')))?.replace(/_/g, '-');
        ctx.report({
          at: flag.nameRange,
          message: `The build fails: unknown flag: ${written}.${meant ? ` Did you mean --${meant}?` : ''} HEALTHCHECK takes ${HEALTHCHECK_FLAGS.map((f) => `--${f}`).join(', ')}.`,
          fixes: meant ? [fix(`Change to --${meant}`, [replace(flag.nameRange, `--${meant}`)])] : undefined,
        });
      } else if (flag.value === undefined) {
        ctx.report({ at: flag.range, message: `The build fails: missing a value on flag: ${written}. Write ${written}=<value> (with "=", not a space).` });
      } else if (seen.has(flag.name)) {
        ctx.report({ at: flag.range, message: `The build fails: duplicate flag specified: ${written}. Keep one.` });
      } else if (flag.name === 'retries' && flag.value !== '' && !/^[+-]?\d+$/.test(flag.value)) {
        ctx.report({ at: flag.valueRange ?? flag.range, message: `The build fails: strconv.ParseInt: parsing "${flag.value}": invalid syntax (--retries). Write a whole number such as 3.` });
      }
      seen.add(flag.name);
    }
  },
};
