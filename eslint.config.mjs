// The boundaries the architecture relies on, kept by a linter rather than by review:
//   - src/core and src/cli are plain Node (the CLI and the unit tests load them without VS Code), so they
//     never import `vscode` at runtime; `import type` is erased by tsc and esbuild, so it stays allowed.
//   - src/diagnostics, src/tree, src/probe, src/timeline and src/advice are independent features wired
//     together only by src/extension.ts; each may use src/core and the shared services (src/compose,
//     src/engine, src/history, src/commands) but never another feature.
//   - Inside src/core, the probe builds on the engine model and never the other way round: src/core/engine
//     imports nothing from src/core/probe (one client interface and its types live in src/core/engine).
//   - No floating promises: a rejected promise nobody awaits is an unhandled rejection in the extension
//     host. Where a promise is deliberately not awaited, `void` says so.
// Deliberately no style rules: formatting and naming are not what this linter is for.
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'src/core and src/cli run without VS Code (the CLI, the unit tests): use `import type` or move the code to a VS Code layer.',
  allowTypeImports: true,
};

/** `no-restricted-imports` options forbidding `vscode` at runtime, the given sibling features, and the given layers above. */
function restricted({ vscode = false, features = [], layersAbove = [] }) {
  return [
    'error',
    {
      paths: vscode ? [noVscode] : [],
      patterns: [
        ...features.map((feature) => ({
          // Relative imports only climb to src/ and step into the feature (`../probe/…`, `../../probe/…`);
          // src/core/probe and src/core/engine are shared layers, not features, so a glob like `**/probe` won't do.
          regex: `^(\\.\\./)+${feature}(/|$)`,
          message: `features (src/diagnostics, tree, probe, timeline, advice) never import each other; share through src/core or a shared service (src/compose, src/engine, src/history) (this imports src/${feature}).`,
        })),
        ...layersAbove.map((layer) => ({
          // From a sibling folder of src/core (`../probe/…`): a layer built on this one.
          regex: `^\\.\\./${layer}(/|$)`,
          message: `src/core/${layer} builds on this layer, not the other way round: move what both need here (this imports src/core/${layer}).`,
        })),
      ],
    },
  ];
}

/** The features: each a folder of src/ that only src/extension.ts wires to the others. */
const FEATURES = ['diagnostics', 'tree', 'probe', 'timeline', 'advice'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': restricted({ vscode: true }) } },
  // A later entry replaces the rule's options for its files, so this one repeats the `vscode` ban.
  { files: ['src/core/engine/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': restricted({ vscode: true, layersAbove: ['probe'] }) } },
  ...FEATURES.map((feature) => ({
    files: [`src/${feature}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': restricted({ features: FEATURES.filter((f) => f !== feature) }) },
  })),
);
