import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module = require('node:module');
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../../../..');
// tsc turns import() into require(), which cannot load esbuild.mjs (an ES module).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ builds: BuildOptions[] }>;

/** The packages (or `src`) each bundle of esbuild.mjs is made of, built in memory with the project's own options. */
async function bundleInputs(outfile: string): Promise<{ packages: Set<string>; modules: Set<string>; code: string }> {
  const { builds } = await importEsm(path.join(root, 'esbuild.mjs'));
  const options = builds.find((b) => b.outfile === outfile);
  assert.ok(options, `esbuild.mjs builds ${outfile}`);
  const result = await esbuild.build({ ...options, absWorkingDir: root, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const [, output] = Object.entries((result.metafile as Metafile).outputs).find(([file]) => file.endsWith('.js'))!;
  const modules = new Set(Object.keys(output.inputs));
  const packages = new Set(
    [...modules].map((file) => {
      const parts = file.split('/');
      if (parts[0] !== 'node_modules') return parts[0];
      return parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/');
    }),
  );
  return { packages, modules, code: result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text };
}

/**
 * Loads a bundle's code from a folder of its own (no dist/engine.js or dist/analysis.js beside it), with
 * a stand-in for the `vscode` module that answers every property and call: a top-level require of a
 * sibling bundle fails here with "Cannot find module".
 */
function loadAlone(code: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'chbundle-'));
  const file = path.join(dir, 'extension.js');
  writeFileSync(file, code);
  // esbuild's __toESM copies a module's own properties onto an object inheriting from its prototype: the
  // stand-in is its own prototype so that every name read through the copy reaches it as well.
  const anything: object = new Proxy(function () {}, {
    get: (_t, key) => (key === '__esModule' ? false : anything),
    getPrototypeOf: () => anything,
    apply: () => anything,
    construct: () => anything,
  });
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'vscode' ? anything : load.call(this, request, parent, isMain);
  };
  try {
    require(file);
  } finally {
    loader._load = load;
    delete require.cache[file];
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('bundles: what activation loads', function () {
  this.timeout(120_000);

  it('the extension bundle leaves the engine packages out: their one require points at dist/engine.js', async () => {
    const { packages, code } = await bundleInputs('dist/extension.js');
    const engine = [...packages].filter((p) => /node_modules\/(dockerode|docker-modem|ssh2|@grpc|protobufjs)/.test(p));
    assert.deepEqual(engine, [], 'engine packages inside dist/extension.js');
    assert.ok(packages.has('src'));
    assert.match(code, /require\("\.\/engine\.js"\)/, 'dist/extension.js requires ./engine.js');
  });

  it('the extension bundle leaves the YAML parser, the analysis and the rules out: their one require points at dist/analysis.js', async () => {
    const { packages, modules, code } = await bundleInputs('dist/extension.js');
    assert.ok(!packages.has('node_modules/yaml'), 'yaml inside dist/extension.js');
    const analysis = [...modules].filter((m) => /^src\/core\/(compose\/(analyze|load|yamlIndex|spec)|lint\/(rules\/|index|analyzer))/.test(m));
    assert.deepEqual(analysis, [], 'analysis modules inside dist/extension.js');
    assert.match(code, /require\("\.\/analysis\.js"\)/, 'dist/extension.js requires ./analysis.js');
  });

  it('the extension and compose analysis bundles leave the Dockerfile parser out: its one require points at dist/dockerfile.js', async () => {
    const extension = await bundleInputs('dist/extension.js');
    const analysis = await bundleInputs('dist/analysis.js');
    for (const { packages } of [extension, analysis]) {
      assert.deepEqual([...packages].filter((p) => /node_modules\/(dockerfile-ast|vscode-languageserver)/.test(p)), []);
    }
    assert.deepEqual([...extension.modules].filter((m) => /^src\/core\/(dockerfile\/parse|lint\/dockerfile\/)/.test(m)), [], 'Dockerfile parse or rules inside dist/extension.js');
    assert.match(extension.code, /require\("\.\/dockerfile\.js"\)/, 'dist/extension.js requires ./dockerfile.js');
  });

  it('dist/dockerfile.js holds dockerfile-ast, the Dockerfile parse and rules; what of ours it shares with the extension declares no class', async () => {
    const extension = await bundleInputs('dist/extension.js');
    const dockerfile = await bundleInputs('dist/dockerfile.js');
    assert.ok(dockerfile.packages.has('node_modules/dockerfile-ast'));
    // The rules share the compose rules' checks and edits, not the YAML parser.
    assert.ok(!dockerfile.packages.has('node_modules/yaml'), 'yaml inside dist/dockerfile.js');
    assert.ok(dockerfile.modules.has('src/core/lint/dockerfile/analyzer.ts'));
    const shared = [...dockerfile.modules].filter((m) => m.startsWith('src/') && extension.modules.has(m));
    const withClass = shared.filter((m) => /^\s*(export\s+)?(abstract\s+)?class\s/m.test(readFileSync(path.join(root, m), 'utf8')));
    assert.deepEqual(withClass, [], 'classes in modules both bundles hold');
  });

  it('dist/extension.js loads without dist/engine.js, dist/analysis.js, dist/dockerfile.js and dist/timeline.js: each is required only when first used', async () => {
    const { code } = await bundleInputs('dist/extension.js');
    assert.doesNotThrow(() => loadAlone(code));
  });

  it('dist/analysis.js holds the YAML parser and the analysis; what of ours both bundles hold declares no class', async () => {
    const extension = await bundleInputs('dist/extension.js');
    const analysis = await bundleInputs('dist/analysis.js');
    assert.ok(analysis.packages.has('node_modules/yaml'));
    assert.ok(analysis.modules.has('src/core/lint/analyzer.ts'));
    const shared = [...analysis.modules].filter((m) => m.startsWith('src/') && extension.modules.has(m));
    // Each bundle has its own copy of these: a class among them would be two classes (instanceof fails
    // across them), and state would be kept twice.
    const withClass = shared.filter((m) => /^\s*(export\s+)?(abstract\s+)?class\s/m.test(readFileSync(path.join(root, m), 'utf8')));
    assert.deepEqual(withClass, [], 'classes in modules both bundles hold');
  });

  it('the extension bundle leaves the timeline panel and its SVG layout out: their one require points at dist/timeline.js', async () => {
    const extension = await bundleInputs('dist/extension.js');
    const timeline = await bundleInputs('dist/timeline.js');
    const drawing = ['src/timeline/panel.ts', 'src/core/history/timelineSvg.ts'];
    assert.deepEqual(drawing.filter((m) => extension.modules.has(m)), [], 'timeline modules inside dist/extension.js');
    assert.deepEqual(drawing.filter((m) => !timeline.modules.has(m)), [], 'dist/timeline.js holds the panel and the layout');
    assert.match(extension.code, /require\("\.\/timeline\.js"\)/, 'dist/extension.js requires ./timeline.js');
    const shared = [...timeline.modules].filter((m) => m.startsWith('src/') && extension.modules.has(m));
    const withClass = shared.filter((m) => /^\s*(export\s+)?(abstract\s+)?class\s/m.test(readFileSync(path.join(root, m), 'utf8')));
    assert.deepEqual(withClass, [], 'classes in modules both bundles hold');
  });

  it('dist/engine.js holds third-party packages only, so no module of ours (and no class checked with instanceof) exists twice', async () => {
    const { packages } = await bundleInputs('dist/engine.js');
    assert.ok(packages.has('node_modules/dockerode'));
    assert.deepEqual([...packages].filter((p) => !p.startsWith('node_modules/')), [], 'modules of ours inside dist/engine.js');
  });
});
