// Reproduces NLU training running slower when the process has also imported the dialogue policies
// (or the yaml package) though no policy code runs:
//   node --import tsx bench/nlu/import-slowdown.ts --n 2000 [--import policies|yaml|detach|none]
// Prints the CPU seconds (user + system) of training alone. Compare variants by alternating runs.
//
// The gap is tsx's, not the policies': under `--import tsx`, CommonJS files (yaml's) go through tsx's
// require hook, which scans them with a WebAssembly lexer; a file too big for the lexer's memory makes
// it grow that memory, which detaches an ArrayBuffer on the main thread and so invalidates V8's
// ArrayBufferDetaching protector for the rest of the process. Optimized code then checks for a
// detached buffer on every typed-array access, and the training kernels (all typed arrays) run
// 20–30 % slower. Under `--import tsx/esm` (no require hook) or compiled (`parley train` runs dist/),
// nothing detaches and the variants train equally fast.
import { cpuUsage } from 'node:process';
import { parseArgs } from 'node:util';
import { emptyDomain, emptyNluData } from '../../src/core/index.js';
import { trainNlu } from '../../src/nlu/index.js';
import { readJsonl, type BenchExample } from './dataset.js';
import { parleyPipeline } from './systems.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '3000' },
    import: { type: 'string', default: 'none' },
    data: { type: 'string', default: '/work/shared/data/clinc150/train.jsonl' },
  },
});
const what = values.import;
if (what === 'policies') await import('../../src/dialogue/policies/index.js');
else if (what === 'yaml') await import('yaml');
// no import, only what the lexer's memory growth does: one detached ArrayBuffer
else if (what === 'detach') { const buffer = new ArrayBuffer(8); structuredClone(buffer, { transfer: [buffer] }); }
else if (what !== 'none') await import(what);

// every k-th row, so that all intents are present whatever the size
const rows = readJsonl(values.data);
const n = Math.min(Number(values.n), rows.length);
const step = rows.length / n;
const subset = Array.from({ length: n }, (_, i) => rows[Math.floor(i * step)] as BenchExample);
const data = emptyNluData();
data.examples = subset.map((r) => ({ text: r.text, intent: r.intent, entities: (r.entities ?? []).map((e) => ({ ...e })) }));

const c0 = cpuUsage();
const t0 = performance.now();
await trainNlu({ language: 'en', pipeline: parleyPipeline('en'), policies: [] }, data, emptyDomain(), { seed: 42 });
const cpu = cpuUsage(c0);
console.log(JSON.stringify({ import: what, n, cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), wallSeconds: +((performance.now() - t0) / 1000).toFixed(2) }));
