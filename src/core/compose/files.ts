import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Which files are compose files, and how the other files of a project are read. Docker Compose looks for `compose.yaml`, `compose.yml`,
 * `docker-compose.yaml` and `docker-compose.yml` (compose-go `cli/options.go` DefaultFileNames) and merges
 * `*.override.*` next to them (DefaultOverrideFileNames); projects also keep variants such as
 * `compose.prod.yaml` or `docker-compose.ci.yml` that they pass with `-f`. Users add their own globs
 * through the `composeHealth.files` setting (src/compose/selector.ts).
 */

/** The built-in names as one glob, for `workspace.findFiles` (`compose.*` also covers `.override`). */
export const COMPOSE_FILE_GLOB = '**/{compose,docker-compose,compose.*,docker-compose.*}.{yaml,yml}';

const BUILT_IN_NAME = /^(?:docker-)?compose(?:\.[^/\\]+)?\.ya?ml$/;

/**
 * True when `path` names a compose file: a built-in name, or a match of one of `extraGlobs`.
 * `path` is relative to its workspace folder (or absolute when outside any folder), with `/` or `\`.
 * As in VS Code's `files.associations`, a glob without a `/` matches the file name in any folder.
 */
export function isComposeFile(path: string, extraGlobs: readonly string[] = []): boolean {
  const normalized = path.replace(/\\/g, '/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (BUILT_IN_NAME.test(name)) return true;
  return extraGlobs.some((glob) => {
    const trimmed = glob.trim();
    if (trimmed === '') return false;
    return trimmed.includes('/') ? globToRegExp(trimmed.replace(/^\.\//, '')).test(normalized.replace(/^\/+/, '')) : globToRegExp(trimmed).test(name);
  });
}

/**
 * The glob syntax VS Code uses for file patterns: `*` and `?` within one path segment, `**` across
 * segments, `{a,b}` alternatives and `[...]` character ranges.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole segments; a trailing `**` matches the rest of the path.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) {
        out += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = close;
      }
    } else {
      out += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
    }
  }
  // An unbalanced `{` is taken literally rather than making the pattern invalid.
  if (braces > 0) return new RegExp(`^${escapeAll(glob)}$`);
  return new RegExp(`^${out}$`);
}

function escapeAll(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type ReadFailure = { ok: false; reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable' };
export type ReadResult = { ok: true; text: string } | ReadFailure;

/**
 * Reads a UTF-8 text file that a compose file names (`extends: {file}`, a base file, `.env`): only a
 * regular file, at most `maxBytes`. A path is data from the compose file, so `/dev/zero`, a FIFO or
 * `/proc/kmsg` must not hang or exhaust the reader: the file is opened non-blocking and checked with
 * fstat before anything is read.
 */
export function readTextFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not-a-file' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large' };
    const chunks: Buffer[] = [];
    let total = 0;
    // The size from fstat can lie (files in /proc report 0): read in chunks and stop past the limit.
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, reason: 'too-large' };
      chunks.push(chunk.subarray(0, n));
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}
