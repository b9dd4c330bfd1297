import { isMap, isScalar } from 'yaml';
import type { Rule } from '../rule';
import { originOf } from '../support/scripts';

/** compose-spec schema: the top level, `services` and each service must be mappings. */
export const invalidStructure: Rule = {
  code: 'invalid-structure',
  severity: 'error',
  needsValidYaml: true,
  checkDocument(ctx) {
    const { roots, index } = ctx.analysis;
    for (const root of roots) {
      if (!root || (isScalar(root) && root.value === null)) continue;
      if (!isMap(root)) {
        ctx.report({ at: root, message: 'Compose rejects this file: the top level must be a mapping with a `services:` key. Is this a compose file?' });
        continue;
      }
      const services = index?.entries(root).get('services');
      if (services?.value && !isMap(services.value)) {
        ctx.report({ at: services.value, origin: originOf(services), message: 'Compose rejects this file: `services` must be a mapping of service names to their definitions.' });
      }
    }
  },
  checkService(service, ctx) {
    if (service.node === null || isMap(service.node)) return;
    ctx.report({
      at: service.node,
      origin: { via: service.via, foreign: service.foreign },
      message: `Compose rejects this file: services.${service.name} must be a mapping (image, healthcheck, …).`,
    });
  },
};
