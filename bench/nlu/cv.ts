// k-fold cross-validation on a set's train.jsonl (for sets without val.jsonl, e.g. SMP2017), with the
// bench pipeline of systems.ts. Folds are deterministic: stratified by intent, examples ordered within
// an intent by SHA-1 of "cv:<index>:<text>" (not md5(text), which made the train/test split) and dealt
// round-robin. Never reads test.jsonl's examples.
//
//   npx tsx bench/nlu/cv.ts --set smp2017 (a shared set, or a directory) [--folds 5] [--seed 42] [--diet '{…}'] [--tokenizer '{…}'] [--featurizers '[…]']
//                           [--errors file.jsonl]   (writes every misclassified example with its fold)
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBenchSet, type BenchExample } from './dataset.js';
import { DATA } from './options.js';
import { accuracy, macroF1, type Prediction } from './metrics.js';
import { pipelineExtrasOf, trainSystem } from './systems.js';

const { values } = parseArgs({ options: {
  set: { type: 'string' }, folds: { type: 'string', default: '5' }, seed: { type: 'string', default: '42' },
  diet: { type: 'string', default: '{}' }, tokenizer: { type: 'string' }, chars: { type: 'string' }, words: { type: 'string' }, featurizers: { type: 'string' }, errors: { type: 'string' },
} });

/** Fold of each training example: stratified by intent, deterministic. */
export function foldsOf(rows: readonly BenchExample[], k: number): number[] {
  const byIntent = new Map<string, number[]>();
  rows.forEach((r, i) => byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), i]));
  const key = (i: number): string => createHash('sha1').update(`cv:${i}:${(rows[i] as BenchExample).text}`).digest('hex');
  const fold = new Array<number>(rows.length).fill(0);
  let next = 0;
  for (const intent of [...byIntent.keys()].sort()) {
    const ids = (byIntent.get(intent) ?? []).map((i) => ({ i, h: key(i) })).sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
    for (const { i } of ids) fold[i] = next++ % k;
  }
  return fold;
}

async function main(): Promise<void> {
  const set = loadBenchSet(resolve(DATA, values.set ?? ''));
  const k = Number(values.folds);
  const extras = pipelineExtrasOf(values);
  const diet = JSON.parse(values.diet ?? '{}') as Record<string, unknown>;
  const fold = foldsOf(set.train, k);
  const all: Prediction[] = [];
  const errors: { fold: number; text: string; gold: string; predicted: string; confidence: number }[] = [];
  const perFold: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let f = 0; f < k; f++) {
    const train = set.train.filter((_, i) => fold[i] !== f);
    const held = set.train.filter((_, i) => fold[i] === f);
    const sys = await trainSystem('parley', train, { language: set.language, diet, seed: Number(values.seed), extras });
    const preds: Prediction[] = [];
    for (const r of held) {
      const p = await sys.parse(r.text);
      preds.push({ gold: r.intent, predicted: p.intent, confidence: p.confidence });
      if (p.intent !== r.intent) errors.push({ fold: f, text: r.text, gold: r.intent, predicted: p.intent, confidence: p.confidence });
    }
    perFold.push(accuracy(preds));
    all.push(...preds);
    console.error(`fold ${f}: ${(100 * accuracy(preds)).toFixed(2)} (${held.length})`);
  }
  const cpu = process.cpuUsage(cpu0);
  if (values.errors) writeFileSync(values.errors, errors.map((e) => JSON.stringify(e)).join('\n') + '\n');
  console.log(JSON.stringify({
    set: set.name, folds: k, seed: Number(values.seed), extras, diet,
    accuracy: +(100 * accuracy(all)).toFixed(2), macroF1: +(100 * macroF1(all)).toFixed(2),
    perFold: perFold.map((a) => +(100 * a).toFixed(2)), errors: errors.length, cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
  }));
}

await main();
