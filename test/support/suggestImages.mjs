// Offline BusyBox images with different tool sets for the healthcheck suggestion's engine tests
// (test/engine/suggest). Built with `docker import` against the engine the docker CLI talks to
// (DOCKER_HOST), so each engine pass builds its own; skipped when present.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Each image: `applets` linked to BusyBox in /bin; `busyboxOnPath` false puts the binary itself in
 * /opt/bb (off the PATH), so only the linked applets can be found; `changes` are Dockerfile
 * instructions for `docker import --change`. Every image serves from /srv/health (a `health` file) and
 * /srv/healthz (a `healthz` file), so an app can be made to answer on one path only.
 */
export const SUGGEST_IMAGES = {
  // No curl: BusyBox wget, a shell, and no cat (so /proc/net is read with the shell's read builtin).
  wget: { image: 'compose-health/suggest-wget:test', applets: ['sh', 'wget', 'httpd', 'sleep'], busyboxOnPath: false, changes: [] },
  // nc only, no shell, nothing that reads a file: ports come from the image's EXPOSE.
  nc: { image: 'compose-health/suggest-nc:test', applets: ['nc', 'httpd'], busyboxOnPath: false, changes: ['EXPOSE 8080'] },
  // No shell at all: a static binary (BusyBox) and nothing else on the PATH.
  noshell: { image: 'compose-health/suggest-noshell:test', applets: [], busyboxOnPath: true, changes: [] },
  // An app and no probe tool at all: nothing can be suggested.
  bare: { image: 'compose-health/suggest-bare:test', applets: ['httpd'], busyboxOnPath: false, changes: ['EXPOSE 8080'] },
};

function docker(args, options = {}) {
  return spawnSync('docker', args, { encoding: 'utf8', ...options });
}

export function ensureSuggestImages() {
  for (const spec of Object.values(SUGGEST_IMAGES)) {
    if (docker(['image', 'inspect', spec.image], { stdio: 'ignore' }).status === 0) continue;
    const rootfs = mkdtempSync(path.join(os.tmpdir(), 'compose-health-suggest-rootfs-'));
    try {
      for (const dir of ['bin', 'opt/bb', 'srv/health', 'srv/healthz', 'tmp', 'etc']) mkdirSync(path.join(rootfs, dir), { recursive: true });
      const binary = spec.busyboxOnPath ? 'bin/busybox' : 'opt/bb/busybox';
      copyFileSync('/bin/busybox', path.join(rootfs, binary));
      for (const applet of spec.applets) symlinkSync(`/${binary}`, path.join(rootfs, 'bin', applet));
      writeFileSync(path.join(rootfs, 'srv/health/health'), 'ok\n');
      writeFileSync(path.join(rootfs, 'srv/healthz/healthz'), 'ok\n');
      const changes = spec.changes.flatMap((c) => ['--change', c]);
      const tar = spawnSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
      const imported = docker(['import', ...changes, '-', spec.image], { input: tar.stdout, encoding: undefined });
      if (imported.status !== 0) throw new Error(`docker import ${spec.image} failed: ${imported.stderr}`);
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
  }
}
