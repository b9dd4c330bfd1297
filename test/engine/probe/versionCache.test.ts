import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { loadCompose } from '../../../src/core/compose/load';
import type { EngineAddress } from '../../../src/core/engine/address';
import { EngineConnection } from '../../../src/core/engine/connection';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { ServiceInspector } from '../../../src/core/probe/serviceStates';
import { CountingProxy } from '../health/countingProxy';
import { PREFIX } from './dockerHarness';

const COMPOSE = `services:
  web:
    image: app
    healthcheck:
      test: ["CMD", "true"]
`;

/** `GET /version` requests that reached the socket (dockerode may prefix the path with an API version). */
function versionRequests(proxy: CountingProxy): number {
  return proxy.requests.filter((r) => r.endsWith('/version')).length;
}

describe('the engine version, asked once per client', function () {
  this.timeout(30_000);
  const proxy = new CountingProxy(path.join(tmpdir(), `${PREFIX}-version-${process.pid}.sock`));
  before(() => proxy.listen());
  after(() => proxy.close());

  it('the connection and the probe share one GET /version', async () => {
    const address: EngineAddress = { url: proxy.url, source: { kind: 'setting' } };
    const client = new DockerodeEngineClient(new Dockerode({ socketPath: proxy.path }), address);
    const connection = new EngineConnection({ open: () => ({ ok: true, address, client }) });
    try {
      const connected = new Promise((resolve) => connection.onDidConnect(resolve));
      connection.start();
      await connected;
      const inspector = new ServiceInspector(client);
      for (let i = 0; i < 2; i++) {
        const state = await inspector.inspect(path.join(tmpdir(), `${PREFIX}-version`, 'compose.yaml'), loadCompose(COMPOSE));
        assert.ok(state.ok, state.ok ? '' : state.message);
        assert.equal(state.apiVersion, (await client.version()).apiVersion);
      }
      assert.equal(versionRequests(proxy), 1, `requests: ${proxy.requests.join(', ')}`);
    } finally {
      connection.dispose();
    }
  });

  it('a failed request is not remembered: once the engine answers, the same client gets its version', async () => {
    const late = new CountingProxy(path.join(tmpdir(), `${PREFIX}-version-late-${process.pid}.sock`));
    const client = new DockerodeEngineClient(new Dockerode({ socketPath: late.path }), { url: late.url, source: { kind: 'setting' } });
    // Nothing listens at the socket yet: the engine is down.
    await assert.rejects(client.version(), /ENOENT|ECONNREFUSED/);
    await late.listen();
    try {
      assert.ok((await client.version()).apiVersion);
      assert.ok((await client.version()).apiVersion);
      assert.equal(versionRequests(late), 1, `requests: ${late.requests.join(', ')}`);
    } finally {
      await late.close();
    }
  });
});
