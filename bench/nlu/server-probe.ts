// A fresh process that only loads a trained model and parses: what a server holding the model costs
// in memory (issue 4: "a server holding the CLINC150 model stays under 250 MB RSS") and how long a
// cold load takes (gunzip + JSON + components, jieba included for Chinese; no parse). Run by worker.ts:
//   node --import tsx bench/nlu/server-probe.ts --model model.json.gz --texts texts.json
// Its RSS includes the tsx loader (~35 MB here), which a compiled server does not carry; the probe
// reports its RSS before loading the model so the model's share can be read off.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { emptyDomain } from '../../src/core/index.js';
import { loadNlu, type NluModelData } from '../../src/nlu/index.js';

export interface ProbeResult { baseRssMb: number; rssMb: number; maxRssMb: number; coldLoadMs: number }

const { values } = parseArgs({ options: { model: { type: 'string' }, texts: { type: 'string' } } });

async function main(): Promise<void> {
  const texts = JSON.parse(readFileSync(values.texts ?? '', 'utf8')) as string[];
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const t0 = performance.now();
  const data = JSON.parse(gunzipSync(readFileSync(values.model ?? '')).toString('utf8')) as NluModelData;
  const model = loadNlu(data, emptyDomain());
  const coldLoadMs = performance.now() - t0;
  for (const t of texts) await model.parse(t);
  const result: ProbeResult = { baseRssMb, rssMb: process.memoryUsage().rss / 1024 / 1024, maxRssMb: process.resourceUsage().maxRSS / 1024, coldLoadMs };
  process.stdout.write(JSON.stringify(result));
}

await main();
