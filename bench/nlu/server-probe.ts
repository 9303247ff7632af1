// A fresh process that only loads a trained model and parses: what a server holding the model costs
// in memory (issue 4: "a server holding the CLINC150 model stays under 250 MB RSS") and how long a
// cold load takes: the model archive opened by loadModel, the path `parley run` takes (read, header,
// components, jieba included for Chinese; no parse). Run by worker.ts:
//   node --import tsx/esm bench/nlu/server-probe.ts --model bench.parley.gz --texts texts.json
// Its RSS includes the tsx loader (~35 MB here), which a compiled server does not carry; the probe
// reports its RSS before loading the model so the model's share can be read off.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModel } from '../../src/loaded-model.js';
import type { NluModelData } from '../../src/nlu/index.js';
import { segmenterFor, type JiebaState } from '../../src/nlu/tokenizers/jieba-tokenizer.js';

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
}

const { values } = parseArgs({ options: { model: { type: 'string' }, texts: { type: 'string' } } });

async function main(): Promise<void> {
  const texts = JSON.parse(readFileSync(values.texts ?? '', 'utf8')) as string[];
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const model = await loadModel(values.model ?? '');
  const coldLoadMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const coldLoadCpuMs = (cpu.user + cpu.system) / 1000;
  for (const t of texts) await model.nlu.parse(t);
  const result: ProbeResult = { baseRssMb, rssMb: process.memoryUsage().rss / 1024 / 1024, maxRssMb: process.resourceUsage().maxRSS / 1024, coldLoadMs, coldLoadCpuMs };
  const jieba = (model.archive.nlu as NluModelData).components.find((c) => c.component === 'JiebaTokenizer');
  if (jieba) {
    // a user word no model has, so the segmenter cache cannot answer
    const probe = { words: [`探针${process.pid}`], fileLines: [] };
    const t1 = performance.now();
    segmenterFor({ ...probe, ...((jieba.state as JiebaState).bundledLines ? { bundledLines: (jieba.state as JiebaState).bundledLines } : {}) });
    result.jiebaDictionaryMs = performance.now() - t1;
    const t2 = performance.now();
    segmenterFor(probe);
    result.jiebaWholeDictionaryMs = performance.now() - t2;
  }
  process.stdout.write(JSON.stringify(result));
}

await main();
