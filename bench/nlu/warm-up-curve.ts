// How many parses a freshly loaded model needs before it parses at its steady speed (what the
// server's warm-up, src/nlu/warm-up.ts, should cover): µs per parse in blocks, from the first parse.
//   node --import tsx/esm bench/nlu/warm-up-curve.ts --model bench.parley.gz --texts texts.json [--parses 4200] [--block 300]
// (a model archive and its texts as `bench/nlu/run.ts --keep-probe DIR` leaves them)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModel } from '../../src/loaded-model.js';

const { values } = parseArgs({ options: {
  model: { type: 'string' }, texts: { type: 'string' }, parses: { type: 'string', default: '4200' }, block: { type: 'string', default: '300' },
} });
if (!values.model || !values.texts) throw new Error('usage: warm-up-curve.ts --model <archive> --texts <texts.json> [--parses n] [--block n]');
const model = await loadModel(values.model);
const texts = JSON.parse(readFileSync(values.texts, 'utf8')) as string[];
const block = Number(values.block);
const blocks: string[] = [];
let t0 = performance.now();
for (let i = 1; i <= Number(values.parses); i++) {
  await model.nlu.parse(texts[i % texts.length] as string);
  if (i % block === 0) {
    blocks.push(((1000 * (performance.now() - t0)) / block).toFixed(0));
    t0 = performance.now();
  }
}
console.log(`µs per parse in blocks of ${block} parses, from the first: ${blocks.join(' ')}`);
