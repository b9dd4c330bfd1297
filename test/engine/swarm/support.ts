import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type Docker from 'dockerode';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import type { SwarmEventListener } from '../../../src/core/swarm/api';
import { DockerodeSwarmApi } from '../../../src/core/swarm/dockerodeSwarmApi';
import type { SwarmMonitor } from '../../../src/core/swarm/monitor';
import type { SwarmModel } from '../../../src/core/swarm/types';
import { PrivateDockerd } from '../health/privateDockerd';

/** Swarm's bridge for its nodes' gateways, one per host network namespace (moby libnetwork): shared by every swarm daemon here. */
const GATEWAY_BRIDGE = 'docker_gwbridge';

const linkExists = (name: string): boolean => spawnSync('ip', ['link', 'show', name], { stdio: 'ignore' }).status === 0;

/**
 * The VXLAN devices of overlay networks in this network namespace (`vx-<vni>-<network id>`, libnetwork
 * `drivers/overlay`). A swarm's first overlay network gets VNI 4097 in every swarm; a device left behind
 * (its daemon killed mid-way) makes each later swarm's tasks on such a network fail with "error creating
 * vxlan interface: file exists" (seen here on 2026-12-02).
 */
const vxlanDevices = (): string[] =>
  (spawnSync('ip', ['-o', 'link', 'show', 'type', 'vxlan'], { encoding: 'utf8' }).stdout ?? '').split('\n').flatMap((line) => /^\d+: (vx-[^:@]+)/.exec(line)?.[1] ?? []);

/** A TCP port nothing listens on now, for the swarm's control plane on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** How long a test waits for the Swarm model to show what it expects (task scheduling and health take seconds). */
const DEADLINE_MS = 60_000;

/** Resolves with the first model (the current one or a later one) that satisfies `predicate`; fails after the deadline. */
export function modelWhere(monitor: SwarmMonitor, what: string, predicate: (model: SwarmModel) => boolean): Promise<SwarmModel> {
  if (predicate(monitor.model())) return Promise.resolve(monitor.model());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the Swarm model did not show ${what} within ${DEADLINE_MS} ms; last: ${JSON.stringify(monitor.model())}`));
    }, DEADLINE_MS);
    const subscription = monitor.onDidChange((model) => {
      if (!predicate(model)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(model);
    });
  });
}

/**
 * A single-node Swarm on a dockerd of the test's own (the engine under test's build: Engine 26 in its
 * pass), so the shared daemons are never put in Swarm mode. `docker swarm init --advertise-addr
 * 127.0.0.1` as the issue verified, on a control port of its own, and an address pool of its own so its
 * overlay networks (ingress, each stack's default network) cannot collide with another swarm's routes.
 */
export class PrivateSwarm {
  readonly dockerd: PrivateDockerd;
  private gatewayBridgeWasThere = linkExists(GATEWAY_BRIDGE);
  /** The VXLAN devices there before this daemon started: only the ones it made are removed after it. */
  private vxlanBefore = new Set(vxlanDevices());
  /** The manager's control address, once this daemon initialised the swarm. */
  controlAddress: string | undefined;

  constructor(
    name: string,
    bridge: string,
    bridgeAddress: string,
    private readonly addressPool: string,
  ) {
    this.dockerd = new PrivateDockerd(name, bridge, bridgeAddress);
  }

  get docker(): Docker {
    return this.dockerd.docker();
  }

  /** Our engine client and Swarm API over one dockerode connection, as the extension would build them. */
  clients(): { engine: DockerodeEngineClient; swarm: DockerodeSwarmApi } {
    const docker = this.docker;
    const engine = new DockerodeEngineClient(docker, { url: this.dockerd.url, source: { kind: 'env' } });
    // The Swarm events come from the engine client's one stream, as the extension's connection hands them on.
    const follow = (listener: SwarmEventListener) => engine.watchEvents({ onEvent: () => undefined, onSwarmEvent: (event) => listener.onEvent(event), onEnd: (error) => listener.onEnd(error) });
    return { engine, swarm: new DockerodeSwarmApi(docker, follow) };
  }

  async start(): Promise<void> {
    await this.startDaemon();
    const port = await freePort();
    this.controlAddress = `127.0.0.1:${port}`;
    await this.docker.swarmInit({ ListenAddr: this.controlAddress, AdvertiseAddr: this.controlAddress, DefaultAddrPool: [this.addressPool], SubnetSize: 24 });
  }

  /**
   * Starts this daemon and joins `manager`'s swarm as a worker. Two nodes on one machine share one
   * network namespace: on 127.0.0.1 both would need the gossip port 7946 (the second node's tasks then
   * fail with "the local data-plane address is not currently known"), so this node advertises and
   * carries its data plane on `address` (another loopback address, e.g. 127.0.0.2).
   */
  async join(manager: PrivateSwarm, address: string): Promise<void> {
    await this.startDaemon();
    const port = await freePort();
    const tokens = ((await manager.docker.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens;
    await this.docker.swarmJoin({ ListenAddr: `${address}:${port}`, AdvertiseAddr: `${address}:${port}`, DataPathAddr: address, RemoteAddrs: [manager.controlAddress], JoinToken: tokens.Worker });
  }

  private async startDaemon(): Promise<void> {
    this.gatewayBridgeWasThere = linkExists(GATEWAY_BRIDGE);
    this.vxlanBefore = new Set(vxlanDevices());
    await this.dockerd.start();
    await this.dockerd.loadTestImage();
  }

  /**
   * `docker stack deploy` with the real docker CLI (docker/cli converts the file; nothing here imitates
   * it). Returns what it printed: its notes about ignored options go to stdout and stderr.
   */
  deploy(stack: string, file: string): string {
    const result = spawnSync('docker', ['--host', this.dockerd.url, 'stack', 'deploy', '--compose-file', file, stack], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`docker stack deploy ${stack} failed (${result.status}): ${result.stderr}${result.stdout}`);
    return `${result.stdout}${result.stderr}`;
  }

  /** `docker stack rm` with the real docker CLI: removes the stack's services (and its networks). */
  removeStack(stack: string): void {
    const result = spawnSync('docker', ['--host', this.dockerd.url, 'stack', 'rm', stack], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`docker stack rm ${stack} failed (${result.status}): ${result.stderr}${result.stdout}`);
  }

  writeFile(name: string, text: string): string {
    const file = path.join(this.dockerd.root, name);
    writeFileSync(file, text);
    return file;
  }

  /**
   * Leaves the swarm (its task containers stop with it), stops the daemon and removes what it made,
   * including the gateway bridge when this swarm created it and nothing else uses it.
   */
  async dispose(): Promise<void> {
    await this.docker.swarmLeave({ force: true }).catch(() => undefined);
    await this.dockerd.dispose();
    const attached = spawnSync('ip', ['-o', 'link', 'show', 'master', GATEWAY_BRIDGE], { encoding: 'utf8' }).stdout?.trim();
    if (!this.gatewayBridgeWasThere && linkExists(GATEWAY_BRIDGE) && !attached) spawnSync('ip', ['link', 'delete', GATEWAY_BRIDGE], { stdio: 'ignore' });
    // A stopped daemon normally takes its VXLAN devices with it; one it left would break the next swarm here.
    for (const device of vxlanDevices()) if (!this.vxlanBefore.has(device)) spawnSync('ip', ['link', 'delete', device], { stdio: 'ignore' });
  }
}
