// One system on one set, in its own process (so peak RSS is this system's): train, evaluate on the
// test split (or val with --split val, for tuning), time single-utterance parses, report JSON.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadBenchSet, type BenchExample } from './dataset.js';
import { accuracy, ece, macroF1, percentile, slotF1, type Prediction } from './metrics.js';
import { trainSystem, type Parsed, type SystemName, type TrainedSystem } from './systems.js';
import { chooseThreshold, oosScores } from './oos.js';

export interface WorkerResult {
  system: SystemName;
  set: string;
  split: string;
  trainCount: number;
  testCount: number;
  accuracy: number;
  macroF1: number;
  slotF1: number | null;
  ece: number;
  trainSeconds: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  sizeBytes: number;
  loadMs: number | null;
  oos: { inScope: number; recall: number; threshold: { value: number; inScope: number; recall: number } } | null;
}

const { values } = parseArgs({ options: {
  system: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' },
  'max-train': { type: 'string' }, split: { type: 'string', default: 'test' }, diet: { type: 'string', default: '{}' },
} });

async function parseAll(sys: TrainedSystem, rows: readonly BenchExample[]): Promise<{ parsed: Parsed[]; times: number[] }> {
  const parsed: Parsed[] = [];
  const times: number[] = [];
  for (const r of rows) {
    const t0 = performance.now();
    parsed.push(await sys.parse(r.text));
    times.push(performance.now() - t0);
  }
  return { parsed, times };
}

// nlp.js answers `None` below its own threshold: for the out-of-scope protocol that is an oos answer
const normalise = (intent: string, oosLabel: boolean): string => (oosLabel && (intent === 'None' || intent === '') ? 'oos' : intent);

async function main(): Promise<void> {
  const system = values.system as SystemName;
  const set = loadBenchSet(values.dir ?? '', values['max-train'] ? { maxTrain: Number(values['max-train']) } : {});
  const split = values.split === 'val' ? 'val' : 'test';
  const trainRows = set.oos ? [...set.train, ...set.oos.train] : set.train;
  const inScope = split === 'val' ? set.val : set.test;
  const oosRows = set.oos ? (split === 'val' ? set.oos.val : set.oos.test) : [];
  const evalRows = [...inScope, ...oosRows];
  const t0 = performance.now();
  const sys = await trainSystem(system, trainRows, { language: set.language, diet: JSON.parse(values.diet ?? '{}') as Record<string, unknown> });
  const trainSeconds = (performance.now() - t0) / 1000;
  await parseAll(sys, evalRows.slice(0, 200)); // warm-up (JIT), not scored
  const { parsed, times } = await parseAll(sys, evalRows);
  const preds: Prediction[] = evalRows.map((r, i) => ({ gold: r.intent, predicted: normalise((parsed[i] as Parsed).intent, set.oos !== undefined), confidence: (parsed[i] as Parsed).confidence }));
  const inPreds = preds.slice(0, inScope.length);
  let oos: WorkerResult['oos'] = null;
  if (set.oos) {
    const tuneRows = [...set.val, ...set.oos.val];
    const tune = split === 'val' ? preds : (await parseAll(sys, tuneRows)).parsed.map((p, i) => ({ gold: (tuneRows[i] as BenchExample).intent, predicted: normalise(p.intent, true), confidence: p.confidence }));
    const threshold = chooseThreshold(tune);
    oos = { ...oosScores(preds, 1e-9), threshold: { value: threshold, ...oosScores(preds, threshold) } };
  }
  const sorted = [...times].sort((a, b) => a - b);
  const result: WorkerResult = {
    system, set: set.name, split, trainCount: trainRows.length, testCount: evalRows.length,
    accuracy: accuracy(inPreds), macroF1: macroF1(inPreds),
    slotF1: set.hasEntities && system === 'parley' ? slotF1(inScope.map((r) => r.entities ?? []), parsed.slice(0, inScope.length).map((p) => p.entities)) : null,
    ece: ece(preds), trainSeconds, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99),
    peakRssMb: process.resourceUsage().maxRSS / 1024, sizeBytes: sys.sizeBytes, loadMs: sys.loadMs ?? null, oos,
  };
  writeFileSync(values.out ?? '/dev/stdout', JSON.stringify(result));
}

await main();
