import type { ServiceView } from '../../compose/analyze';

/** The dotted path Compose uses in its messages, e.g. `services.web.healthcheck.interval`. */
export function healthcheckPath(service: ServiceView, key?: string): string {
  return `services.${service.name}.healthcheck${key ? `.${key}` : ''}`;
}
