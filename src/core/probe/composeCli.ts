import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import { COMPOSE_LABELS } from '../identity/labels';
import { configFilesOf } from './locator';

/** The Compose CLI to run: an absolute executable plus the arguments that select Compose. */
export interface ComposeCli {
  executable: string;
  /** `["compose"]` for the Docker CLI plugin (v2), `[]` for the standalone `docker-compose`. */
  prefix: string[];
  label: 'docker compose' | 'docker-compose';
}

/**
 * Decides at run time which Compose is installed: `docker compose` (v2, the maintained one) when the
 * Docker CLI has the plugin, else a standalone `docker-compose` (v1, still the only Compose Debian 12
 * packages). Each candidate is asked for its version through execFile — argv only, no shell.
 */
export async function detectComposeCli(env: Record<string, string | undefined> = process.env): Promise<ComposeCli | undefined> {
  const docker = await findExecutable('docker', env);
  if (docker && (await succeeds(docker, ['compose', 'version'], env))) return { executable: docker, prefix: ['compose'], label: 'docker compose' };
  const standalone = await findExecutable('docker-compose', env);
  if (standalone && (await succeeds(standalone, ['version'], env))) return { executable: standalone, prefix: [], label: 'docker-compose' };
  return undefined;
}

async function findExecutable(name: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

function succeeds(file: string, args: string[], env: Record<string, string | undefined>): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(file, args, { env: env as NodeJS.ProcessEnv, timeout: 10_000, windowsHide: true }, (error) => resolve(!error));
  });
}

/** argv (after the Compose executable's prefix) plus the folder to run it in. */
export interface ComposeInvocation {
  args: string[];
  cwd: string;
}

/**
 * `up -d <service>` for a service whose containers exist: the project, files and env file Compose
 * recorded in their labels, so the service is recreated exactly in the project it belongs to.
 */
export function upFromLabels(labels: Record<string, string>, service: string, fallbackCwd: string): ComposeInvocation {
  const args: string[] = [];
  const project = labels[COMPOSE_LABELS.project];
  if (project) args.push('-p', project);
  for (const file of configFilesOf({ labels })) args.push('-f', file);
  const envFile = labels[COMPOSE_LABELS.environmentFile];
  if (envFile) args.push('--env-file', envFile);
  args.push('up', '-d', service);
  return { args, cwd: labels[COMPOSE_LABELS.workingDir] || fallbackCwd };
}

const DEFAULT_FILE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);

/**
 * `up -d <service>` for a service with no container yet. A file with a default name is started the way
 * one would by hand in its folder (no `-f`), so Compose also applies its override file; any other file
 * is named with `-f`.
 */
export function upForFile(composeFile: string, service: string): ComposeInvocation {
  const cwd = path.dirname(composeFile);
  const args = DEFAULT_FILE_NAMES.has(path.basename(composeFile)) ? [] : ['-f', composeFile];
  return { args: [...args, 'up', '-d', service], cwd };
}
