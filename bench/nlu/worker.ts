// One system on one set, in its own process (so peak RSS is this system's): train, evaluate on the
// test split (or val with --split val, for tuning), time single-utterance parses, report JSON.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyDomain, type ComponentConfig } from '../../src/core/index.js';
import { POLICIES_FORMAT } from '../../src/dialogue/policies/index.js';
import { MODEL_FORMAT_VERSION, writeModelArchive } from '../../src/model-archive.js';
import type { NluModelData } from '../../src/nlu/index.js';
import { PARLEY_VERSION } from '../../src/version.js';
import { evaluationSplit, loadBenchSet, type BenchExample } from './dataset.js';
import { accuracy, ece, macroF1, perIntent, slotF1, type IntentScore, type Prediction } from './metrics.js';
import { trainSystem, type Parsed, type SystemName, type TrainedSystem } from './systems.js';
import { noisyUtterance } from './noise.js';
import { chooseThreshold, oosScores } from './oos.js';
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
  /** a fresh process that only loads the model and parses the evaluation texts */
  server: ProbeResult | null;
  oos: { inScope: number; recall: number; threshold: { value: number; inScope: number; recall: number } } | null;
  /** in-scope intents, lowest F1 first */
  perIntent?: IntentScore[];
  /** what the set's reader warned of (unseen test intents, overlapping spans, …) */
  warnings?: string[];
}

const { values } = parseArgs({ options: {
  system: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' },
  'max-train': { type: 'string' }, split: { type: 'string', default: 'test' }, diet: { type: 'string', default: '{}' }, vectors: { type: 'string' }, seed: { type: 'string', default: '42' }, tokenizer: { type: 'string' }, featurizers: { type: 'string' }, errors: { type: 'string' },
  // keep the probe's model and texts in this directory, to re-run server-probe.ts on them by hand
  'keep-probe': { type: 'string' },
} });

/** A model archive as `parley train` writes it, around the bench's NLU model (no domain, no policies). */
function writeArchive(dir: string, nlu: NluModelData): Promise<string> {
  return writeModelArchive(dir, {
    format_version: MODEL_FORMAT_VERSION, parley_version: PARLEY_VERSION, trained_at: new Date().toISOString(),
    fingerprint: nlu.fingerprint, model_id: 'bench', language: nlu.language, domain: emptyDomain(),
    config: { language: nlu.language, pipeline: nlu.config.pipeline, policies: [] },
    nlu, policies: { format: POLICIES_FORMAT, policies: [], warnings: [] },
  }, { fixedName: 'bench' });
}

/**
 * Runs server-probe.ts in a fresh process on the persisted model: a model archive for Parley,
 * nlp.js's export for nlp.js (no archive: archiveBytes null).
 */
async function serverProbe(system: SystemName, language: string, persisted: unknown, texts: string[]): Promise<{ archiveBytes: number | null; result: ProbeResult }> {
  const keep = values['keep-probe'];
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'parley-probe-'));
  const isNlpjs = system === 'nlpjs';
  const model = isNlpjs ? join(dir, 'nlpjs.json') : await writeArchive(dir, persisted as NluModelData);
  if (isNlpjs) writeFileSync(model, persisted as string);
  writeFileSync(join(dir, 'texts.json'), JSON.stringify(texts));
  // tsx/esm as for the workers (run.ts): full tsx's require hook detaches a buffer loading yaml, which
  // slows every typed array of the process; a compiled `parley run` has no such hook
  const args = ['--import', 'tsx/esm', join(import.meta.dirname, 'server-probe.ts'), '--model', model, '--texts', join(dir, 'texts.json'),
    ...(isNlpjs ? ['--system', 'nlpjs', '--language', language] : [])];
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
  const archiveBytes = isNlpjs ? null : statSync(model).size;
  if (!keep) rmSync(dir, { recursive: true, force: true });
  // the last line: nlp.js prints progress ("Compiling dictionary") to stdout as it loads
  return { archiveBytes, result: JSON.parse(out.trim().split('\n').at(-1) ?? '') as ProbeResult };
}

async function parseAll(sys: TrainedSystem, rows: readonly BenchExample[]): Promise<{ parsed: Parsed[] }> {
  const parsed: Parsed[] = [];
  for (const r of rows) parsed.push(await sys.parse(r.text));
  return { parsed };
}

/**
 * Under run.ts, tell it that training is done and wait for its go before timing (cold load, parses),
 * so a run that trains systems side by side never times one while another trains. Run alone (no IPC
 * channel), go at once.
 */
async function turnToTime(): Promise<void> {
  if (!process.send) return;
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send('trained');
  await go;
  process.disconnect();
}

// nlp.js answers `None` below its own threshold: for the out-of-scope protocol that is an oos answer
const normalise = (intent: string, oosLabel: boolean): string => (oosLabel && (intent === 'None' || intent === '') ? 'oos' : intent);

async function main(): Promise<void> {
  const system = values.system as SystemName;
  const split = values.split === 'val' ? 'val' : 'test';
  const set = loadBenchSet(values.dir ?? '', { split, ...(values['max-train'] ? { maxTrain: Number(values['max-train']) } : {}) });
  const trainRows = set.oos ? [...set.train, ...set.oos.train] : set.train;
  const inScope = evaluationSplit(set, split);
  const oosRows = set.oos ? (split === 'val' ? set.oos.val : set.oos.test) : [];
  const evalRows = [...inScope, ...oosRows];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sys = await trainSystem(system, trainRows, { language: set.language, diet: JSON.parse(values.diet ?? '{}') as Record<string, unknown>, vectors: values.vectors, seed: Number(values.seed ?? '42'), extras: {
    ...(values.tokenizer ? { tokenizer: JSON.parse(values.tokenizer) as Record<string, unknown> } : {}),
    ...(values.featurizers ? { featurizers: JSON.parse(values.featurizers) as ComponentConfig[] } : {}),
  } });
  const trainSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
  await turnToTime();
  // latency, cold load and server RSS: a fresh process per system (server-probe.ts), not this one
  const probe = await serverProbe(system, set.language, sys.persisted, evalRows.map((r) => r.text));
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
    ece: ece(preds), trainSeconds, trainCpuSeconds, p50Ms: probe.result.p50Ms, p99Ms: probe.result.p99Ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024, sizeBytes: sys.sizeBytes, loadMs: sys.loadMs ?? null, oos,
    archiveBytes: probe.archiveBytes, server: probe.result,
  };
  writeFileSync(values.out ?? '/dev/stdout', JSON.stringify(result));
}

await main().catch((error: unknown) => {
  // a set that cannot be read or trained: say why in one line (run.ts goes on with the others)
  console.error(`${values.system ?? '?'} on ${values.dir ?? '?'}: ${(error as Error).message}`);
  process.exit(1);
});
