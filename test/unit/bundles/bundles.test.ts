import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../../../..');
// tsc turns import() into require(), which cannot load esbuild.mjs (an ES module).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ builds: BuildOptions[] }>;

/** The packages (or `src`) each bundle of esbuild.mjs is made of, built in memory with the project's own options. */
async function bundleInputs(outfile: string): Promise<{ packages: Set<string>; code: string }> {
  const { builds } = await importEsm(path.join(root, 'esbuild.mjs'));
  const options = builds.find((b) => b.outfile === outfile);
  assert.ok(options, `esbuild.mjs builds ${outfile}`);
  const result = await esbuild.build({ ...options, absWorkingDir: root, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const [, output] = Object.entries((result.metafile as Metafile).outputs).find(([file]) => file.endsWith('.js'))!;
  const packages = new Set(
    Object.keys(output.inputs).map((file) => {
      const parts = file.split('/');
      if (parts[0] !== 'node_modules') return parts[0];
      return parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/');
    }),
  );
  return { packages, code: result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text };
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

  it('dist/engine.js holds third-party packages only, so no module of ours (and no class checked with instanceof) exists twice', async () => {
    const { packages } = await bundleInputs('dist/engine.js');
    assert.ok(packages.has('node_modules/dockerode'));
    assert.deepEqual([...packages].filter((p) => !p.startsWith('node_modules/')), [], 'modules of ours inside dist/engine.js');
  });
});
