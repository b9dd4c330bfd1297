import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type Docker from 'dockerode';
import { IMAGE, dockerAt } from './support';

const START_DEADLINE_MS = 60_000;

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/**
 * A dockerd of the test's own, which it may stop and start (the shared daemon is never touched): its own
 * socket, --data-root, --exec-root (so its own managed containerd) and --pidfile under /tmp, and its own
 * bridge interface (never `--bridge none`: moby would delete the host's docker0, see test/support/engine.mjs).
 */
export class PrivateDockerd {
  readonly root: string;
  readonly socket: string;
  readonly url: string;
  private child: ChildProcess | undefined;

  /** `bridge` (≤ 15 characters) and `bridgeAddress` must differ between daemons running at the same time. */
  constructor(
    name = 'chtree-dockerd',
    private readonly bridge = 'chtree0',
    private readonly bridgeAddress = '10.213.77.1/24',
  ) {
    // A fresh folder per daemon: a leftover pidfile or data root of an earlier (or concurrent) run never collides.
    this.root = mkdtempSync(path.join('/tmp', `${name}-`));
    this.socket = path.join(this.root, 'docker.sock');
    this.url = `unix://${this.socket}`;
  }

  /** Starts it and waits for its ping (no event exists before the daemon does, so this polls with a deadline). */
  async start(): Promise<void> {
    mkdirSync(this.root, { recursive: true });
    if (spawnSync('ip', ['link', 'show', this.bridge], { stdio: 'ignore' }).status !== 0) {
      run('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
      run('ip', ['addr', 'add', this.bridgeAddress, 'dev', this.bridge]);
      run('ip', ['link', 'set', this.bridge, 'up']);
    }
    const log = openSync(path.join(this.root, 'dockerd.log'), 'a');
    // The engine under test's own build (the Engine 26 pass names it), else the system's dockerd.
    const dockerd = process.env.COMPOSE_HEALTH_TEST_DOCKERD || 'dockerd';
    const pathPrefix = process.env.COMPOSE_HEALTH_TEST_DOCKERD_PATH;
    const child = spawn(
      dockerd,
      [
        '--host', this.url,
        '--data-root', path.join(this.root, 'data'),
        '--exec-root', path.join(this.root, 'exec'),
        '--pidfile', path.join(this.root, 'docker.pid'),
        '--bridge', this.bridge,
        '--iptables=false',
        '--ip-masq=false',
      ],
      { stdio: ['ignore', log, log], env: pathPrefix ? { ...process.env, PATH: `${pathPrefix}:${process.env.PATH}` } : process.env },
    );
    this.child = child;
    let exited: number | null = null;
    child.on('exit', (code) => (exited = code ?? -1));
    const started = Date.now();
    while (Date.now() - started < START_DEADLINE_MS) {
      if (await ping(this.socket)) return;
      if (exited !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const tail = readFileSync(path.join(this.root, 'dockerd.log'), 'utf8').split('\n').slice(-10).join('\n');
    throw new Error(`the private dockerd at ${this.url} did not answer (exit ${exited}):\n${tail}`);
  }

  /** Stops it (SIGTERM, as systemd would) and resolves when the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }

  docker(): Docker {
    return dockerAt(this.url);
  }

  /** Copies the offline test image from the shared daemon (no registry is reachable). */
  async loadTestImage(): Promise<void> {
    const target = this.docker();
    if (await target.getImage(IMAGE).inspect().then(() => true, () => false)) return;
    const tar = await dockerAt().getImage(IMAGE).get();
    const output = await target.loadImage(tar);
    await new Promise<void>((resolve, reject) => target.modem.followProgress(output, (error) => (error ? reject(error) : resolve())));
  }

  /** Stops it and removes everything it made: its folder and its bridge. */
  async dispose(): Promise<void> {
    await this.stop();
    // dockerd can leave its data root mounted on itself after a stop under load; unmount what is left
    // below our folder (deepest first) so the folder can go.
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1])
      .filter((point): point is string => point !== undefined && point.startsWith(`${this.root}/`))
      .sort((a, b) => b.length - a.length);
    for (const point of mounts) spawnSync('umount', ['-l', point], { stdio: 'ignore' });
    rmSync(this.root, { recursive: true, force: true });
    spawnSync('ip', ['link', 'delete', this.bridge], { stdio: 'ignore' });
  }
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
}
