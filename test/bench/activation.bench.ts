// Activation time of the installed .vsix as VS Code itself reports it ("Startup Activation" in
// Developer: Show Running Extensions: the extension host's code loading + activate() call), and the
// production bundle sizes. Packages the .vsix (`npm run package`), then for each run installs it into
// a fresh code-server (VS Code 1.100.3) extensions folder, opens test/fixtures/workspace (it holds a
// compose.yaml, so the extension starts with the workbench) and reads the Running Extensions row.
// Each run is a fresh server and extension host: the figure includes a cold require of the bundle.
// Run: npm run bench -- activation   (RUNS=5 by default)
import path from 'node:path';

const RUNS = Number(process.env.RUNS ?? 5);
const repoRoot = path.resolve(__dirname, '../../..');
// tsc turns import() into require(), which cannot load the launcher's ES modules.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

interface Host {
  packageVsix(): Promise<{ vsix: string; vsixBytes: number }>;
  measureActivation(o: { installedVsix: string }): Promise<{ text: string; details: string }>;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const host = (await importEsm(path.join(repoRoot, 'test/support/host.mjs'))) as Host;
  const { vsix, vsixBytes } = await host.packageVsix();
  // packageVsix prints the production size of each bundle (it rebuilds the development ones afterwards).
  console.log(`VSIX ${kib(vsixBytes)} (${path.relative(repoRoot, vsix)})`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { text, details } = await host.measureActivation({ installedVsix: vsix });
    const ms = Number(/([\d.]+) ?ms/.exec(text)?.[1]);
    times.push(ms);
    console.log(`run ${i + 1}: ${text}${details ? ` (${details.slice(0, 80)}…)` : ''}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`ACTIVATION installed .vsix, ${RUNS} runs: median ${sorted[Math.floor(RUNS / 2)]} ms (runs: ${times.join(', ')} ms)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
