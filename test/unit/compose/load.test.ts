import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import type { ComposeModel } from '../../../src/core/compose/model';
import { yaml } from '../lint/support';

function service(model: ComposeModel, name: string) {
  const found = model.services.find((s) => s.name === name);
  assert.ok(found, `no service ${name}`);
  return found;
}

describe('loadCompose', () => {
  it('turns a string test into CMD-SHELL and disable: true into NONE', () => {
    const model = loadCompose(yaml`
      services:
        a:
          healthcheck:
            test: curl -f http://x
            interval: 1m30s
            retries: "5"
        b:
          healthcheck:
            test: ["CMD", "true"]
            disable: true
    `);
    assert.deepEqual(service(model, 'a').healthcheck?.spec, { test: ['CMD-SHELL', 'curl -f http://x'], intervalNs: 90e9, retries: 5 });
    assert.deepEqual(service(model, 'b').healthcheck?.spec, { test: ['NONE'] });
  });

  it('resolves merge keys, single and list form, own keys first and earlier sources first', () => {
    const model = loadCompose(yaml`
      x-a: &a
        healthcheck:
          test: ["CMD", "from-a"]
      x-b: &b
        healthcheck:
          test: ["CMD", "from-b"]
        image: from-b
      services:
        single:
          <<: *a
        list:
          << : [*a, *b]
        own:
          <<: *b
          healthcheck:
            test: ["CMD", "own"]
    `);
    assert.deepEqual(service(model, 'single').healthcheck?.spec.test, ['CMD', 'from-a']);
    assert.deepEqual(service(model, 'list').healthcheck?.spec.test, ['CMD', 'from-a']);
    assert.equal(service(model, 'list').image, 'from-b');
    assert.deepEqual(service(model, 'own').healthcheck?.spec.test, ['CMD', 'own']);
  });

  it('follows a healthcheck alias and keeps ranges where the healthcheck key is written', () => {
    const text = yaml`
      services:
        redis:
          healthcheck: &hc
            test: redis-cli ping
        cache:
          healthcheck: *hc
    `;
    const model = loadCompose(text);
    const cache = service(model, 'cache').healthcheck!;
    assert.deepEqual(cache.spec.test, ['CMD-SHELL', 'redis-cli ping']);
    assert.equal(text.slice(cache.keyRange.start, cache.keyRange.end), 'healthcheck');
    assert.ok(cache.keyRange.start > text.indexOf('cache:'));
  });

  it('interpolates from env over .env, keeps $$ as $ and leaves unknown durations unset', () => {
    const files: Record<string, string> = { '/p/.env': 'EVERY=5s\nUSER=from-dotenv\n' };
    const model = loadCompose(
      yaml`
        services:
          db:
            image: postgres:\${TAG:-16}
            healthcheck:
              test: pg_isready -U \${USER} -d $$POSTGRES_DB
              interval: \${EVERY}
              timeout: \${UNKNOWN}
      `,
      { fileName: '/p/compose.yaml', env: { USER: 'from-env' }, readFile: (p) => files[p] },
    );
    const db = service(model, 'db');
    assert.equal(db.image, 'postgres:16');
    assert.deepEqual(db.healthcheck?.spec, { test: ['CMD-SHELL', 'pg_isready -U from-env -d $POSTGRES_DB'], intervalNs: 5e9 });
  });

  it('reads depends_on in list and mapping form', () => {
    const text = yaml`
      services:
        a:
          depends_on: [db]
        b:
          depends_on:
            db:
              condition: service_healthy
        db:
          image: postgres
    `;
    const model = loadCompose(text);
    assert.deepEqual(service(model, 'a').dependsOn?.map((d) => [d.service, d.condition]), [['db', undefined]]);
    const b = service(model, 'b').dependsOn!;
    assert.deepEqual(b.map((d) => [d.service, d.condition]), [['db', 'service_healthy']]);
    assert.equal(text.slice(b[0].range.start, b[0].range.end), 'db');
  });

  it('inherits a healthcheck through extends, in the same file and from another file', () => {
    const files: Record<string, string> = { '/p/common.yml': 'services:\n  base:\n    healthcheck:\n      test: ["CMD", "from-file"]\n      retries: 7\n' };
    const model = loadCompose(
      yaml`
        services:
          base:
            healthcheck:
              test: ["CMD", "same-file"]
              interval: 3s
          child:
            extends: base
            healthcheck:
              interval: 9s
          remote:
            extends:
              service: base
              file: common.yml
      `,
      { fileName: '/p/compose.yaml', readFile: (p) => files[p] },
    );
    assert.deepEqual(service(model, 'child').healthcheck?.spec, { test: ['CMD', 'same-file'], intervalNs: 9e9 });
    const remote = service(model, 'remote');
    assert.deepEqual(remote.healthcheck?.spec, { test: ['CMD', 'from-file'], retries: 7 });
    assert.deepEqual(remote.healthcheck?.keyRange, remote.keyRange, 'an inherited check is anchored on the service key');
  });

  it('reads a file that several services extend only once', () => {
    const reads: string[] = [];
    const files: Record<string, string> = { '/p/common.yml': 'services:\n  base:\n    healthcheck:\n      test: ["CMD", "true"]\n' };
    const text = 'services:\n' + ['a', 'b', 'c'].map((n) => `  ${n}:\n    extends: {file: common.yml, service: base}\n`).join('');
    const model = loadCompose(text, { fileName: '/p/compose.yaml', readFile: (p) => (reads.push(p), files[p]) });
    assert.deepEqual(model.services.map((s) => s.healthcheck?.spec.test), [['CMD', 'true'], ['CMD', 'true'], ['CMD', 'true']]);
    assert.deepEqual(reads.filter((p) => p === '/p/common.yml'), ['/p/common.yml']);
  });

  it('merges an override over its base file key by key', () => {
    const files: Record<string, string> = { '/p/compose.yaml': 'services:\n  web:\n    image: app\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 30s\n' };
    const model = loadCompose('services:\n  web:\n    healthcheck:\n      interval: 5s\n', { fileName: '/p/compose.override.yaml', readFile: (p) => files[p] });
    assert.deepEqual(service(model, 'web').healthcheck?.spec, { test: ['CMD', 'true'], intervalNs: 5e9 });
  });

  it('lets !override replace the base healthcheck instead of merging into it', () => {
    const files: Record<string, string> = { '/p/compose.yaml': 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: 9\n' };
    const text = 'services:\n  web:\n    healthcheck: !override\n      test: ["CMD", "false"]\n';
    const model = loadCompose(text, { fileName: '/p/compose.override.yaml', readFile: (p) => files[p] });
    assert.deepEqual(service(model, 'web').healthcheck?.spec, { test: ['CMD', 'false'] });
  });

  it('gives an empty model for input that is not a compose file, without throwing', () => {
    for (const text of ['', '- a\n- b\n', 'just text', '{{{', '\u0000\u0001\u0002', 'services: 3\n', 'services:\n  web: [1, 2]\n']) {
      const model = loadCompose(text);
      for (const s of model.services) assert.ok(s.keyRange.end <= text.length);
    }
    assert.deepEqual(loadCompose('services:\n  web: [1, 2]\n').services.map((s) => s.name), ['web']);
  });

  it('reads the project name', () => {
    assert.equal(loadCompose('name: ${P:-shop}\nservices: {}\n').name, 'shop');
  });

  it('resolves build: the context beside the file, the Dockerfile in the context (default Dockerfile), target, inline, remote', () => {
    const files: Record<string, string> = {
      '/p/common/base.yml': 'services:\n  base:\n    build: ./svc\n',
    };
    const model = loadCompose(
      yaml`
        services:
          short:
            build: ./api
          long:
            build:
              context: \${CTX:-web}
              dockerfile: docker/app.df
              target: final
          here:
            build: {}
          abs:
            build: {context: ., dockerfile: /elsewhere/Containerfile}
          inline:
            build: {context: ., dockerfile_inline: "FROM alpine\\nHEALTHCHECK CMD true\\n"}
          remote:
            build: https://github.com/docker/getting-started.git#main
          unset:
            build: \${NOPE}
          inherited:
            extends: {file: common/base.yml, service: base}
          plain:
            image: nginx
      `,
      { fileName: '/p/compose.yaml', readFile: (p) => files[p] },
    );
    assert.deepEqual(
      { ...service(model, 'short').build, keyRange: undefined },
      { keyRange: undefined, context: '/p/api', dockerfile: '/p/api/Dockerfile', defaultDockerfile: true },
    );
    const long = service(model, 'long').build;
    assert.deepEqual([long?.context, long?.dockerfile, long?.defaultDockerfile, long?.target], ['/p/web', '/p/web/docker/app.df', false, 'final']);
    assert.deepEqual([service(model, 'here').build?.context, service(model, 'here').build?.dockerfile], ['/p', '/p/Dockerfile']);
    assert.equal(service(model, 'abs').build?.dockerfile, '/elsewhere/Containerfile');
    const inline = service(model, 'inline').build;
    assert.deepEqual([inline?.dockerfile, inline?.inline], [undefined, 'FROM alpine\nHEALTHCHECK CMD true\n']);
    assert.deepEqual([service(model, 'remote').build?.context, service(model, 'remote').build?.dockerfile], [undefined, undefined]);
    assert.deepEqual([service(model, 'unset').build?.context, service(model, 'unset').build?.dockerfile], [undefined, undefined]);
    assert.equal(service(model, 'inherited').build?.dockerfile, '/p/common/svc/Dockerfile', 'relative to the file that writes it');
    assert.equal(service(model, 'plain').build, undefined);
    const text = 'services:\n  short:\n    build: ./api\n';
    const key = loadCompose(text, { fileName: '/p/compose.yaml' }).services[0].build?.keyRange;
    assert.equal(key && text.slice(key.start, key.end), 'build');
  });
});
