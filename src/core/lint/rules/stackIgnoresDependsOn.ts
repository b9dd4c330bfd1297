import { isSeq } from 'yaml';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * `docker stack deploy` reads the list form of `depends_on` and then drops it: docker/cli
 * `cli/compose/convert/service.go` (convertService) has no field for it, Swarm starts every service at
 * once, and nothing is printed (seen with docker CLI 28.2.2 on Engine 26.1.5). Docker's docs: "The
 * depends_on option is ignored when deploying a stack in swarm mode". Only for a stack file.
 */
export const stackIgnoresDependsOn: Rule = {
  code: 'stack-ignores-depends-on',
  severity: 'info',
  checkService(service, ctx) {
    const entry = service.entries.get('depends_on');
    if (!ctx.stack || !entry || !isSeq(entry.value) || entry.value.items.length === 0) return;
    ctx.report({
      at: entry.keyNode,
      origin: originOf(entry),
      message: `docker stack deploy ignores depends_on (without a word): Swarm starts "${service.name}" and the services it names at the same time, in no order. Make "${service.name}" wait for them itself (retry its connections), and let its healthcheck and deploy.restart_policy cover the time they are not there.`,
    });
  },
};
