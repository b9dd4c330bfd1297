import { basename } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import type { ServiceView } from '../../compose/analyze';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * docker compose refuses a project whose `extends` chain breaks (compose-go `loader/extends.go`): the
 * target service does not exist (`cannot extend service "a" in …: service "b" not found`), `extends.file`
 * is missing (`open …: no such file or directory`) or not a regular file (`read …: is a directory`), or
 * the chain comes back to itself (`Circular reference: …`). The healthcheck inherited through it is then
 * unknown too. Reported at the `extends` written in this file; a failure further along the chain, in
 * another file, is reported here too, since that is where this service depends on it.
 */
export const extendsInvalid: Rule = {
  code: 'extends-invalid',
  severity: 'error',
  needsValidYaml: true,
  checkService(service, ctx) {
    const failure = service.extendsFailure;
    const entry = service.entries.get('extends');
    if (!failure || !entry) return;
    const fileName = ctx.analysis.fileName;
    const local = (key: string) => key.split('\0')[0] === fileName;
    const here = `${fileName}\0${service.name}`;
    const own = ownTarget(entry.value) ?? entry.keyNode;
    let at: Node;
    let message: string;
    if (failure.circle) {
      // Every `extends` on the circle in this file says so; one that only leads into it, unless the circle
      // has an `extends` of this file (reported there).
      if (!failure.circle.includes(here) && failure.circle.some(local)) return;
      at = own;
      message = `docker compose rejects the project: "${failure.message}". Break the circle: one of these services must not extend the other.`;
    } else if (failure.file === fileName && failure.service === service.name) {
      at = failure.node ?? own;
      message = `docker compose rejects the project: "${failure.message}". ${advice(failure.message)}`;
    } else if (failure.file === fileName) {
      // Another service of this file is where the chain breaks: reported at its own `extends`.
      return;
    } else {
      at = own;
      message = `docker compose rejects the project: service "${failure.service}" in ${basename(failure.file)}, which this service extends, has an \`extends\` that fails: "${failure.message}". Fix it there.`;
    }
    ctx.report({ at, origin: originOf(entry), message: `${message} The healthcheck this service would inherit through it is not known.` });
  },
};

/** The written target: `extends: name`, or the `service:` of `extends: {service, file}`. */
function ownTarget(value: ServiceView['node']): Node | undefined {
  if (isScalar(value)) return value;
  if (isMap(value)) return (value.items.find((p) => isScalar(p.key) && p.key.value === 'service')?.value as Node | undefined) ?? undefined;
  return undefined;
}

function advice(message: string): string {
  if (message.startsWith('open ')) return 'Check the `file:` path (it is relative to this file).';
  if (message.startsWith('read ')) return '`file:` must name a compose file, not a directory, device or pipe.';
  return 'Name a service that the file defines.';
}
