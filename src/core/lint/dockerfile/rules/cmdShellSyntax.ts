import { describeShellSyntax, findShellSyntax } from '../../checks/shellSyntax';
import { fix, replace, shellJoin } from '../../support/textEdits';
import type { DockerfileRule } from '../rule';

/**
 * `HEALTHCHECK CMD ["curl", "-f", "x", "||", "exit", "1"]`: the exec form runs no shell (moby
 * `daemon/health.go` execs the items), so `||` reaches curl as an argument. BuildKit substitutes no
 * variable in HEALTHCHECK (it is not among the instructions that expand ARG/ENV), so a `$VAR` item is
 * the literal text too. The check is compose's `cmd-shell-syntax` (checks/shellSyntax.ts).
 */
export const cmdShellSyntax: DockerfileRule = {
  code: 'cmd-shell-syntax',
  severity: 'warning',
  checkHealthcheck(hc, _stage, ctx) {
    const command = hc.command;
    if (hc.typeName !== 'CMD' || command?.form !== 'exec') return;
    const argv = command.items.map((i) => i.text);
    const hit = findShellSyntax(argv, () => true);
    if (!hit) return;
    const item = command.items[hit.index];
    const what = describeShellSyntax(argv[0], item.text, hit, (name) => `BuildKit substitutes no ARG or ENV value in HEALTHCHECK, and no shell expands $${name}`);
    ctx.report({
      at: item.range,
      message: `HEALTHCHECK CMD [...] runs ${argv[0]} directly, without a shell: ${what}. Write the shell form (HEALTHCHECK CMD ${argv[0]} …) to get shell syntax.`,
      fixes: [fix('Convert to the shell form', [replace(command.range, shellJoin(argv))])],
    });
  },
};
