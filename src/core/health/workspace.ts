import type { ComposeModel } from '../compose/model';
import { fileIdentity } from '../identity/projectIdentity';
import type { ServiceDefinitionEntry, WorkspaceComposeFile } from './model';

/** Reduces a loaded compose file to what the health store needs. */
export function workspaceComposeFile(file: string, model: ComposeModel): WorkspaceComposeFile {
  return {
    ...fileIdentity(file, model),
    services: model.services.map((s) => {
      const entry: ServiceDefinitionEntry = { name: s.name, keyRange: s.keyRange };
      if (s.healthcheck) entry.healthcheckKeyRange = s.healthcheck.keyRange;
      if (s.dependsOn) entry.dependsOn = s.dependsOn.map((d) => (d.condition === undefined ? { service: d.service } : { service: d.service, condition: d.condition }));
      return entry;
    }),
  };
}
