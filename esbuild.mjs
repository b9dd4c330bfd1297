// Bundles the extension (dist/extension.js, plus dist/engine.js loaded at the first engine connection,
// dist/analysis.js at the first compose-file parse, dist/dockerfile.js at the first Dockerfile and
// dist/timeline.js when a health timeline is shown)
// and the CLI (dist/cli.js).
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, no source maps, plus dist/README.vsix.md (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  // ssh2 (pulled in by dockerode for ssh:// engines) optionally requires native add-ons inside
  // try/catch; they are not needed, so keep them out of the bundle instead of failing on them.
  external: ['vscode', 'cpu-features'],
  loader: { '.node': 'empty' },
};

/**
 * dockerode, with ssh2 and the gRPC/protobuf stack it pulls in, is ~85% of the extension's code, yet
 * activation connects nothing. So the extension bundle leaves it out and src/core/engine/open.ts
 * requires it when the first connection opens: this plugin points that require at dist/engine.js.
 * dist/engine.js holds dockerode's packages only, none of our modules, so no class of ours exists
 * twice (the probe tells the engine's 404/409 apart with `instanceof EngineNotFoundError`, a class the
 * adapter throws). esbuild's own code splitting would do this too, but only for ES-module output, and
 * VS Code before 1.100 loads extensions with require() only (engines.vscode is ^1.90.0).
 */
const engineOnDemand = {
  name: 'engine-on-demand',
  setup(build) {
    build.onResolve({ filter: /^dockerode$/ }, () => ({ path: './engine.js', external: true }));
  },
};

/**
 * The same for the compose analysis: the `yaml` package, the analysis and the rules are over half of what
 * is left, and activate() parses nothing (the workspace check starts after it returns).
 * src/compose/loadAnalyzer.ts requires src/core/lint/analyzer.ts at the first parse; this plugin points
 * that require at dist/analysis.js. Each bundle has its own copy of the few modules of ours both hold
 * (limits, durations, the healthcheck defaults), so those declare no class (test/unit/bundles checks it:
 * instanceof would fail across the copies) and keep no state.
 */
const analysisOnDemand = {
  name: 'analysis-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/core\/lint\/analyzer$/ }, () => ({ path: './analysis.js', external: true }));
  },
};

/**
 * The same for the health timeline's panel and its SVG layout (src/timeline/panel.ts): nothing draws a
 * timeline until its command runs, so src/timeline/register.ts requires the panel then; this plugin points
 * that require at dist/timeline.js.
 */
const timelineOnDemand = {
  name: 'timeline-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/panel$/ }, (args) =>
      args.importer.endsWith(join('src', 'timeline', 'register.ts')) ? { path: './timeline.js', external: true } : undefined,
    );
  },
};

/**
 * The same for Dockerfiles: dockerfile-ast and the language-server types it brings would grow
 * dist/analysis.js by ~60% for every compose user, so the Dockerfile parse and rules
 * (src/core/lint/dockerfile/analyzer.ts) are a bundle of their own, dist/dockerfile.js, required by
 * src/compose/loadDockerfileAnalyzer.ts at the first Dockerfile checked. Like dist/analysis.js it holds
 * its own copy of the few modules of ours it shares with the others (no instanceof crosses bundles).
 */
const dockerfileOnDemand = {
  name: 'dockerfile-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/core\/lint\/dockerfile\/analyzer$/ }, () => ({ path: './dockerfile.js', external: true }));
  },
};

export const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [engineOnDemand, analysisOnDemand, timelineOnDemand, dockerfileOnDemand] },
  { ...common, entryPoints: { timeline: 'src/timeline/panel.ts' }, outfile: 'dist/timeline.js' },
  { ...common, entryPoints: { engine: 'dockerode' }, outfile: 'dist/engine.js' },
  { ...common, entryPoints: { analysis: 'src/core/lint/analyzer.ts' }, outfile: 'dist/analysis.js' },
  { ...common, entryPoints: { dockerfile: 'src/core/lint/dockerfile/analyzer.ts' }, outfile: 'dist/dockerfile.js' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

/**
 * The README the .vsix ships (vsce --readme-path): README.md with each relative PNG image inlined as a
 * data: URI. VS Code's extension details page allows only https: and data: images (its
 * Content-Security-Policy), and the package names no public repository for vsce to rewrite relative
 * links to, so a relative screenshot would show as a broken image.
 */
export function vsixReadme(root) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return readme.replace(/(!\[[^\]]*\]\()([^):\s]+\.png)\)/g, (_, head, file) => {
    const png = readFileSync(join(root, file)).toString('base64');
    return `${head}data:image/png;base64,${png})`;
  });
}

// Run as a script; tests import `builds` to check what each bundle holds, and `vsixReadme`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
    if (production) {
      const root = dirname(fileURLToPath(import.meta.url));
      mkdirSync(join(root, 'dist'), { recursive: true });
      writeFileSync(join(root, 'dist', 'README.vsix.md'), vsixReadme(root));
    }
  }
}
