import type { DockerfileModel, Stage } from '../../../dockerfile/model';
import { lineage, originOf } from '../../../dockerfile/stages';
import { SHELLS, baseName, simpleCommands } from '../../support/shell';
import { fix, replace } from '../../support/textEdits';
import type { DockerfileRule } from '../rule';

/**
 * The shell form (`HEALTHCHECK CMD curl …`) becomes CMD-SHELL, which the engine runs as `/bin/sh -c …`
 * (moby daemon/health.go, with the image's SHELL if one is set). An image built FROM scratch, or from a
 * base known to ship no shell (distroless except its `:debug` tags, Chainguard's static image), has no
 * /bin/sh, so every probe fails ("exec: "/bin/sh": stat /bin/sh: no such file or directory") and the
 * container never becomes healthy. Not reported when the stages set a SHELL or copy a shell in.
 */
export const healthcheckNoShell: DockerfileRule = {
  code: 'healthcheck-no-shell',
  severity: 'warning',
  checkHealthcheck(hc, stage, ctx) {
    const command = hc.command;
    if (hc.typeName !== 'CMD' || !command || command.form === 'not-strings') return;
    const execShell = command.form === 'exec' && command.items.length > 0 && SHELLS.has(baseName(command.items[0].text));
    if (command.form !== 'shell' && !execShell) return;
    const base = shellLessBase(ctx.model, stage);
    if (!base) return;
    const runs = command.form === 'shell' ? 'the shell form runs /bin/sh -c' : `${command.items[0].text} is a shell`;
    const argv = command.form === 'shell' ? plainWords(command.script) : undefined;
    ctx.report({
      at: command.form === 'shell' ? command.range : command.items[0].range,
      message: `This stage is built from ${base}, which has no shell, but ${runs}: every probe fails and the container never becomes healthy. Use the exec form with a program the image has, e.g. HEALTHCHECK CMD ["/app", "health"].`,
      fixes: argv ? [fix('Convert to the exec form', [replace(command.range, JSON.stringify(argv).replace(/","/g, '", "'))])] : undefined,
    });
  },
};

const SHELL_LESS_IMAGES = [/(^|\/)distroless\//, /^cgr\.dev\/chainguard\/static(?=[:@]|$)/];

/** The base without a shell the stage's chain starts from, as written, or undefined. */
function shellLessBase(model: DockerfileModel, stage: Stage): string | undefined {
  const chain = lineage(model, stage);
  if (chain.some((s) => s.setsShell || s.copies.some((c) => c.sources.some((src) => /(^|\/)(sh|bash|ash|busybox)$|\/bin\/?$/.test(src))))) return undefined;
  const origin = originOf(model, stage);
  if (origin.kind === 'scratch') return 'scratch';
  if (origin.kind !== 'image' || origin.image.includes('$')) return undefined;
  const [name, tag = ''] = origin.image.split('@')[0].split(/:(?=[^/]*$)/);
  return SHELL_LESS_IMAGES.some((re) => re.test(name)) && !/debug/.test(tag) ? origin.image : undefined;
}

/** The script's words when it is one plain command (no quotes, operators or $), so it can become an argv as is. */
function plainWords(script: string): string[] | undefined {
  if (/["'`$\\|&;<>(){}*?]/.test(script)) return undefined;
  const commands = simpleCommands(script);
  return commands.length === 1 ? commands[0].words.map((w) => w.text) : undefined;
}
