// One system on one set, in its own process (so peak RSS is this system's): train, evaluate on the
// test split (or val with --split val, for tuning), write the model for the latency probes (probes.ts), report JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluationSplit, loadBenchSet, type BenchExample } from './dataset.js';
import { accuracy, ece, macroF1, perIntent, slotF1, type IntentScore, type Prediction } from './metrics.js';
import { pipelineExtrasOf, trainSystem, type Parsed, type SystemName, type TrainedSystem } from './systems.js';
import { noisyUtterance } from './noise.js';
import { chooseThreshold, oosScores } from './oos.js';
import { runProbe, writeProbeFiles, type ProbeFiles } from './probes.js';
import type { ProbeResult } from './server-probe.js';

export interface WorkerResult {
  system: SystemName;
  set: string;
  language: 'zh' | 'en';
  split: string;
  trainCount: number;
  testCount: number;
  accuracy: number;
  /** intent accuracy on noisy copies of the in-scope evaluation texts (noise.ts) */
  noisyAccuracy: number;
  macroF1: number;
  slotF1: number | null;
  ece: number;
  trainSeconds: number;
  /** CPU time of training (user + system): unlike wall time, not stretched by other load on the machine */
  trainCpuSeconds: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  sizeBytes: number;
  loadMs: number | null;
  /** size of a model archive holding the persisted model (empty domain, no policies) */
  archiveBytes: number | null;
  /** a fresh process that only loads the model and parses the evaluation texts: the probes' medians */
  server: ProbeResult | null;
  /** each probe, in round order (run.ts runs PROBE_ROUNDS per system, the systems alternating) */
  probes?: ProbeResult[];
  /** under run.ts: the files the probes load, written by the worker and probed by run.ts */
  probeFiles?: ProbeFiles;
  oos: { inScope: number; recall: number; threshold: { value: number; inScope: number; recall: number } } | null;
  /** in-scope intents, lowest F1 first */
  perIntent?: IntentScore[];
  /** what the set's reader warned of (unseen test intents, overlapping spans, …) */
  warnings?: string[];
}

const { values } = parseArgs({ options: {
  system: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' },
  'max-train': { type: 'string' }, 'per-intent': { type: 'string' }, split: { type: 'string', default: 'test' }, diet: { type: 'string', default: '{}' }, vectors: { type: 'string' }, seed: { type: 'string', default: '42' }, tokenizer: { type: 'string' }, chars: { type: 'string' }, words: { type: 'string' }, featurizers: { type: 'string' }, errors: { type: 'string' },
  // where to write the probe's model and texts; run.ts probes them (alternating systems) after training.
  // Without it the worker probes once itself, in a temporary directory
  'probe-dir': { type: 'string' },
} });

async function parseAll(sys: TrainedSystem, rows: readonly BenchExample[]): Promise<{ parsed: Parsed[] }> {
  const parsed: Parsed[] = [];
  for (const r of rows) parsed.push(await sys.parse(r.text));
  return { parsed };
}

// nlp.js answers `None` below its own threshold: for the out-of-scope protocol that is an oos answer
const normalise = (intent: string, oosLabel: boolean): string => (oosLabel && (intent === 'None' || intent === '') ? 'oos' : intent);

async function main(): Promise<void> {
  const system = values.system as SystemName;
  const split = values.split === 'val' ? 'val' : 'test';
  const set = loadBenchSet(values.dir ?? '', { split, ...(values['max-train'] ? { maxTrain: Number(values['max-train']) } : {}), ...(values['per-intent'] ? { perIntent: Number(values['per-intent']) } : {}) });
  const trainRows = set.oos ? [...set.train, ...set.oos.train] : set.train;
  const inScope = evaluationSplit(set, split);
  const oosRows = set.oos ? (split === 'val' ? set.oos.val : set.oos.test) : [];
  const evalRows = [...inScope, ...oosRows];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sys = await trainSystem(system, trainRows, { language: set.language, diet: JSON.parse(values.diet ?? '{}') as Record<string, unknown>, vectors: values.vectors, seed: Number(values.seed ?? '42'), extras: pipelineExtrasOf(values) });
  const trainSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
  // latency, cold load and server RSS: fresh processes (server-probe.ts), not this one
  const probeDir = values['probe-dir'] ?? mkdtempSync(join(tmpdir(), 'parley-probe-'));
  const probeFiles = await writeProbeFiles(probeDir, system, set.language, sys.persisted, evalRows.map((r) => r.text));
  let server: ProbeResult | null = null;
  if (values['probe-dir'] === undefined) {
    server = await runProbe(probeFiles);
    rmSync(probeDir, { recursive: true, force: true });
  }
  const { parsed } = await parseAll(sys, evalRows);
  const preds: Prediction[] = evalRows.map((r, i) => ({ gold: r.intent, predicted: normalise((parsed[i] as Parsed).intent, set.oos !== undefined), confidence: (parsed[i] as Parsed).confidence }));
  const inPreds = preds.slice(0, inScope.length);
  if (values.errors) {
    // the misclassified evaluation examples (val only: test errors are not for looking at)
    if (split !== 'val') throw new Error('--errors is for --split val only');
    const wrong = evalRows.flatMap((r, i) => {
      const p = parsed[i] as Parsed;
      return (preds[i] as Prediction).predicted === r.intent ? [] : [{ text: r.text, gold: r.intent, predicted: p.intent, confidence: p.confidence, entities: p.entities.map((e) => `${e.entity}=${e.value}`) }];
    });
    writeFileSync(values.errors, wrong.map((w) => JSON.stringify(w)).join('\n') + '\n');
  }
  let oos: WorkerResult['oos'] = null;
  if (set.oos) {
    const tuneRows = [...set.val, ...set.oos.val];
    const tune = split === 'val' ? preds : (await parseAll(sys, tuneRows)).parsed.map((p, i) => ({ gold: (tuneRows[i] as BenchExample).intent, predicted: normalise(p.intent, true), confidence: p.confidence }));
    const threshold = chooseThreshold(tune);
    oos = { ...oosScores(preds, 1e-9), threshold: { value: threshold, ...oosScores(preds, threshold) } };
  }
  // the same requests as people type them (not timed): fillers, dropped little words, typos
  const noisyRows = inScope.map((r, i) => ({ ...r, text: noisyUtterance(r.text, set.language, i) }));
  const noisyParsed = (await parseAll(sys, noisyRows)).parsed;
  const noisyAccuracy = accuracy(noisyRows.map((r, i) => ({ gold: r.intent, predicted: normalise((noisyParsed[i] as Parsed).intent, set.oos !== undefined), confidence: (noisyParsed[i] as Parsed).confidence })));
  const result: WorkerResult = {
    system, set: set.name, language: set.language, split, trainCount: trainRows.length, testCount: evalRows.length,
    accuracy: accuracy(inPreds), noisyAccuracy, macroF1: macroF1(inPreds), perIntent: perIntent(inPreds), warnings: set.warnings,
    slotF1: set.hasEntities && system !== 'nlpjs' ? slotF1(inScope.map((r) => r.entities ?? []), parsed.slice(0, inScope.length).map((p) => p.entities)) : null,
    ece: ece(preds), trainSeconds, trainCpuSeconds, p50Ms: server?.p50Ms ?? Number.NaN, p99Ms: server?.p99Ms ?? Number.NaN,
    peakRssMb: process.resourceUsage().maxRSS / 1024, sizeBytes: sys.sizeBytes, loadMs: sys.loadMs ?? null, oos,
    archiveBytes: probeFiles.archiveBytes, server, ...(server ? { probes: [server] } : { probeFiles }),
  };
  writeFileSync(values.out ?? '/dev/stdout', JSON.stringify(result));
}

await main().catch((error: unknown) => {
  // a set that cannot be read or trained: say why in one line (run.ts goes on with the others)
  console.error(`${values.system ?? '?'} on ${values.dir ?? '?'}: ${(error as Error).message}`);
  process.exit(1);
});
