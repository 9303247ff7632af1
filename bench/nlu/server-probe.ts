// A fresh process that only loads a trained model and parses: what a server holding the model costs
// in memory (issue 4: "a server holding the CLINC150 model stays under 250 MB RSS"), how long a
// cold load takes (Parley: the model archive opened by loadModel, the path `parley run` takes: read,
// header, components, jieba included for Chinese; nlp.js: its exported model imported), and the
// single-utterance latency a server sees: untimed parses of the texts, round and round, to at least
// WARM_PARSES (as `parley run` warms a model up before it listens), then TIMED_PASSES timed passes,
// each giving its p50 and p99; the median pass is reported (this machine is shared: a pass that
// runs beside another tenant's burst can take twice as long, for either system). Both systems are
// timed this way, so neither carries what training left in its process (a training heap, and type
// feedback from the training code that parsing shares). Run by worker.ts:
//   node --import tsx/esm bench/nlu/server-probe.ts --model bench.parley.gz --texts texts.json [--system nlpjs --language en]
// Its RSS includes the tsx loader (~35 MB here), which a compiled server does not carry; the probe
// reports its RSS before loading the model so the model's share can be read off.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModel } from '../../src/loaded-model.js';
import type { NluModelData } from '../../src/nlu/index.js';
import { segmenterFor, type JiebaState } from '../../src/nlu/tokenizers/jieba-tokenizer.js';
import { percentile } from './metrics.js';
import { nlpjsManager } from './systems.js';

export interface ProbeResult {
  baseRssMb: number; rssMb: number; maxRssMb: number; coldLoadMs: number;
  /** CPU time of the cold load: on a shared machine, less stretched by other work than the wall time */
  coldLoadCpuMs: number;
  /**
   * Chinese models: what jieba takes to build the model's dictionary (timed afterwards with a
   * throwaway segmenter), so the model's own share of the cold load can be read off
   */
  jiebaDictionaryMs?: number;
  /** the same for jieba's whole bundled 349k-word dictionary, which models trained before it was reduced load */
  jiebaWholeDictionaryMs?: number;
  /** one parse at a time: the median over the timed passes of each pass's p50 and p99 */
  p50Ms: number;
  p99Ms: number;
  /** each timed pass's p50 and p99, in order */
  passes: { p50Ms: number; p99Ms: number }[];
}

const { values } = parseArgs({ options: { model: { type: 'string' }, texts: { type: 'string' }, system: { type: 'string', default: 'parley' }, language: { type: 'string', default: 'en' } } });

type Parse = (text: string) => Promise<unknown>;

/** timed passes over the texts after the untimed ones (odd: the median is one of them) */
const TIMED_PASSES = 5;
/**
 * untimed parses first, at least: a fresh Parley model reaches its steady speed after 1,800–2,700
 * parses (warm-up-curve.ts), so one pass over a small test set timed code V8 had not optimised yet
 */
const WARM_PARSES = 3000;

/** Loads the model: Parley's archive as `parley run` opens it, or nlp.js's exported model. */
async function load(): Promise<{ parse: Parse; nlu?: NluModelData }> {
  if (values.system === 'nlpjs') {
    const language = values.language === 'zh' ? 'zh' : 'en';
    const manager = nlpjsManager(language);
    manager.import(readFileSync(values.model ?? '', 'utf8'));
    return { parse: (text) => manager.process(language, text) };
  }
  const model = await loadModel(values.model ?? '');
  return { parse: (text) => model.nlu.parse(text), nlu: model.archive.nlu as NluModelData };
}

async function main(): Promise<void> {
  const texts = JSON.parse(readFileSync(values.texts ?? '', 'utf8')) as string[];
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const model = await load();
  const coldLoadMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const coldLoadCpuMs = (cpu.user + cpu.system) / 1000;
  const warmParses = texts.length === 0 ? 0 : Math.max(texts.length, WARM_PARSES);
  for (let i = 0; i < warmParses; i++) await model.parse(texts[i % texts.length] as string);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const passes: { p50Ms: number; p99Ms: number }[] = [];
  for (let pass = 0; pass < TIMED_PASSES; pass++) {
    const times: number[] = [];
    for (const t of texts) {
      const t1 = performance.now();
      await model.parse(t);
      times.push(performance.now() - t1);
    }
    times.sort((a, b) => a - b);
    passes.push({ p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) });
  }
  const median = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 0.5);
  const result: ProbeResult = {
    baseRssMb, rssMb, maxRssMb: process.resourceUsage().maxRSS / 1024, coldLoadMs, coldLoadCpuMs,
    p50Ms: median(passes.map((p) => p.p50Ms)), p99Ms: median(passes.map((p) => p.p99Ms)), passes,
  };
  const jieba = model.nlu?.components.find((c) => c.component === 'JiebaTokenizer');
  if (jieba) {
    // a user word no model has, so the segmenter cache cannot answer
    const probe = { words: [`探针${process.pid}`], fileLines: [] };
    const t1 = performance.now();
    const { bundledText, bundledLines } = jieba.state as JiebaState;
    segmenterFor({ ...probe, ...(bundledText ? { bundledText } : {}), ...(bundledLines ? { bundledLines } : {}) });
    result.jiebaDictionaryMs = performance.now() - t1;
    const t2 = performance.now();
    segmenterFor(probe);
    result.jiebaWholeDictionaryMs = performance.now() - t2;
  }
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

await main();
