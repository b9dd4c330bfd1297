import type * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { DockerfileDocuments } from '../compose/dockerfileDocuments';
import type { ComposeDocumentService } from '../compose/documents';
import { dockerfileLensTargets, type DockerfileLensTarget } from '../core/probe/dockerfileTargets';
import { workspaceComposeModels } from './workspaceComposeModels';

export interface DockerfileTargetDeps {
  files: ComposeFiles;
  documents: ComposeDocumentService;
  dockerfiles: DockerfileDocuments;
}

/**
 * The HEALTHCHECKs of a Dockerfile document (its current text, the shared parse) that some compose
 * service builds into its image. A Dockerfile without any HEALTHCHECK reads no compose file.
 */
export async function dockerfileTargets(deps: DockerfileTargetDeps, document: vscode.TextDocument): Promise<DockerfileLensTarget[]> {
  const model = deps.dockerfiles.forDocument(document);
  if (!model.stages.some((s) => s.healthchecks.length > 0)) return [];
  return dockerfileLensTargets(document.uri.fsPath, model, await workspaceComposeModels(deps.files, deps.documents));
}
