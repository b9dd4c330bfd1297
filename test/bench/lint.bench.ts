// Lint speed (issue 3): a typical 300-line file, warm median; and a 1,000-service file against `yaml`'s
// bare parseDocument of the same text (target: lint ≤ 1.30 × parse). Figures are printed, not asserted.
import { parseDocument } from 'yaml';
import { lintText } from '../../src/core/lint';
import { manyServices, typicalComposeFile } from './lint/composeText';
import { medianMs, pairedMedianMs } from './lint/measure';

const lines = (text: string) => text.split('\n').length - 1;

const typical = typicalComposeFile();
const typicalFindings = lintText(typical, { fileName: 'compose.yaml', env: {} }).length;
const typicalMs = medianMs(() => lintText(typical, { fileName: 'compose.yaml', env: {} }), 300, 50);
console.log(`typical file: ${lines(typical)} lines, ${typicalFindings} findings: lintText median ${typicalMs.toFixed(3)} ms (warm, 300 runs)`);

const big = manyServices(1000);
const bigFindings = lintText(big, { fileName: 'compose.yaml', env: {} }).length;
const [parseMs, lintMs] = pairedMedianMs(() => parseDocument(big), () => lintText(big, { fileName: 'compose.yaml', env: {} }), 21);
console.log(`1,000 services: ${lines(big)} lines, ${bigFindings} findings`);
console.log(`  yaml parseDocument median ${parseMs.toFixed(1)} ms (21 runs, alternating with lintText)`);
console.log(`  lintText median           ${lintMs.toFixed(1)} ms`);
console.log(`  ratio lint / parse        ${(lintMs / parseMs).toFixed(2)} (target ≤ 1.30)`);
