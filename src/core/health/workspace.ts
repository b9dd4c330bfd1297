import type { ComposeModel } from '../compose/model';
import { fileIdentity } from '../identity/projectIdentity';
import type { WorkspaceComposeFile } from './model';

/** Reduces a loaded compose file to what the health store needs. */
export function workspaceComposeFile(file: string, model: ComposeModel): WorkspaceComposeFile {
  return {
    ...fileIdentity(file, model),
    services: model.services.map((s) => (s.healthcheck ? { name: s.name, keyRange: s.keyRange, healthcheckKeyRange: s.healthcheck.keyRange } : { name: s.name, keyRange: s.keyRange })),
  };
}
