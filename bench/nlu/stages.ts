// Where a parse's time goes, stage by stage, in a warmed-up process: each pipeline component's
// process(), and the DIET classifier's intent and entity halves. For choosing what to speed up:
//   node --import tsx/esm bench/nlu/stages.ts --model /tmp/snips.json --dir /work/shared/data/snips-goo [--split test] [--rounds 20]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyDomain } from '../../src/core/index.js';
import { loadNlu, type NluModelData } from '../../src/nlu/index.js';
import { CrfDecoder } from '../../src/nlu/classifiers/diet/tagging/crf-model.js';
import { UnitFeaturizer } from '../../src/nlu/classifiers/diet/tagging/unit-featurizer.js';
import { readJsonl } from './dataset.js';

const { values } = parseArgs({ options: {
  model: { type: 'string' }, dir: { type: 'string' }, split: { type: 'string', default: 'test' }, rounds: { type: 'string', default: '20' },
} });
const model = loadNlu(JSON.parse(readFileSync(values.model ?? '', 'utf8')) as NluModelData, emptyDomain());
const texts = readJsonl(join(values.dir ?? '', `${values.split ?? 'test'}.jsonl`)).map((r) => r.text);

type Timed = Record<string, (...args: unknown[]) => unknown>;
const spent = new Map<string, number>();
/** Wraps obj[method] so its wall time adds up under `label`. */
function time(obj: Timed, method: string, label: string): void {
  const original = obj[method];
  if (typeof original !== 'function') return;
  obj[method] = function (this: unknown, ...args: unknown[]): unknown {
    const t0 = performance.now();
    const r = original.apply(this, args);
    spent.set(label, (spent.get(label) ?? 0) + performance.now() - t0);
    return r;
  };
}
// bench-only reach into the model: its components, and the DIET classifier's two halves
const components = (model as unknown as { components: { name: string }[] }).components;
for (const c of components) {
  time(c as unknown as Timed, 'process', c.name);
  if (c.name.startsWith('DIETClassifier')) {
    time(c as unknown as Timed, 'classify', `${c.name} intent`);
    time(c as unknown as Timed, 'extract', `${c.name} entities`);
  }
}
time(UnitFeaturizer.prototype as unknown as Timed, 'featurizeFlat', '  entity unit features');
time(CrfDecoder.prototype as unknown as Timed, 'decodeFlat', '  CRF decode');
const rounds = Number(values.rounds);
let total = 0;
for (let r = 0; r < rounds; r++) {
  spent.clear();
  const t0 = performance.now();
  for (const t of texts) await model.parse(t);
  total = performance.now() - t0;
}
// the last round: by then V8 has optimised what it will
console.log(`last of ${rounds} rounds, µs per parse over ${texts.length} texts: total ${((1000 * total) / texts.length).toFixed(1)}`);
for (const [label, ms] of spent) console.log(`  ${label.padEnd(36)} ${((1000 * ms) / texts.length).toFixed(1)}`);
