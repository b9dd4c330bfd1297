// Activation time of the installed .vsix as VS Code itself reports it ("Startup Activation" in
// Developer: Show Running Extensions: the extension host's code loading + activate() call), and the
// production bundle sizes. Packages the .vsix (`npm run package`), then for each run installs it into
// a fresh code-server (VS Code 1.100.3) extensions folder, opens test/fixtures/workspace (it holds a
// compose.yaml, so the extension starts with the workbench) and reads the Running Extensions row.
// Each run is a fresh server and extension host: the figure includes a cold require of the bundles.
// VSIX=a.vsix,b.vsix measures those packages instead, taking turns run by run, so that a before/after
// comparison sees the same load on a shared machine.
// Run: npm run bench -- activation   (RUNS=5 by default)
import path from 'node:path';
import { loadHost } from './workbench';

const RUNS = Number(process.env.RUNS ?? 5);
interface Host {
  packageVsix(): Promise<{ vsix: string }>;
  measureActivation(o: { installedVsix: string }): Promise<{ text: string; details: string }>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const host = await loadHost<Host>();
  // packageVsix prints the production size of each bundle (it rebuilds the development ones afterwards).
  const packages = process.env.VSIX ? process.env.VSIX.split(',').map((p) => path.resolve(p)) : [(await host.packageVsix()).vsix];
  const times = new Map<string, number[]>(packages.map((p) => [p, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const vsix of packages) {
      // A workbench that does not come up in time (a loaded machine) costs one run, not the benchmark.
      const measured = await host.measureActivation({ installedVsix: vsix }).catch((error: Error) => error);
      if (measured instanceof Error) {
        console.log(`run ${i + 1}, ${path.basename(vsix)}: no figure (${measured.message.split('\n')[0]})`);
        continue;
      }
      times.get(vsix)!.push(Number(/([\d.]+) ?ms/.exec(measured.text)?.[1]));
      console.log(`run ${i + 1}, ${path.basename(vsix)}: ${measured.text}`);
    }
  }
  for (const [vsix, ms] of times) {
    console.log(`ACTIVATION ${path.basename(vsix)} installed, ${ms.length} runs: median ${median(ms)} ms, min ${Math.min(...ms)} ms (runs: ${ms.join(', ')} ms)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
