import { originOf } from '../support/scripts';
import { takesStartInterval } from '../support/engine';
import type { Rule } from '../rule';

/**
 * docker compose v2 refuses to create a container with `start_interval` on an engine below API 1.44
 * (Docker Engine 25): "can't set healthcheck.start_interval as feature require Docker Engine v25 or later"
 * (docker/compose `pkg/compose/create.go`; seen with docker compose 2.26.1 on Engine 20.10.24). Only
 * when the engine is known (the extension's connection, the CLI's `--engine-version`).
 */
export const startIntervalEngineTooOld: Rule = {
  code: 'start-interval-engine-too-old',
  severity: 'error',
  checkHealthcheck(hc, _service, ctx) {
    const startInterval = hc.entries.get('start_interval');
    if (!startInterval || takesStartInterval(ctx.engine) !== false) return;
    const engine = ctx.engine!;
    const which = [engine.version && `Docker Engine ${engine.version}`, engine.apiVersion && `API ${engine.apiVersion}`].filter(Boolean).join(', ');
    ctx.report({
      at: startInterval.keyNode,
      origin: originOf(startInterval),
      message: `docker compose refuses to start this service on this engine (${which}): "can't set healthcheck.start_interval as feature require Docker Engine v25 or later". Remove start_interval, or run the service on Docker Engine 25 or later.`,
    });
  },
};
