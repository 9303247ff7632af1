// Trains the bench pipeline on one set and writes the persisted model (for profile.ts):
//   npx tsx bench/nlu/train-save.ts --dir /work/shared/data/snips-goo --out /tmp/snips.json [--diet '{"input_layer_bits":4}'] [--vectors file.json] [--chars '{"char_units":"text"}']
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emptyDomain, emptyNluData } from '../../src/core/index.js';
import { trainNlu } from '../../src/nlu/index.js';
import { loadBenchSet } from './dataset.js';
import { parleyPipeline } from './systems.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' }, diet: { type: 'string' }, vectors: { type: 'string' }, chars: { type: 'string' } } });
const set = loadBenchSet(values.dir ?? '');
const data = emptyNluData();
data.examples = set.train.map((r) => ({ text: r.text, intent: r.intent, entities: (r.entities ?? []).map((e) => ({ ...e })) }));
const model = await trainNlu({ language: set.language, pipeline: parleyPipeline(set.language, values.diet === undefined ? {} : (JSON.parse(values.diet) as Record<string, unknown>), values.vectors, values.chars === undefined ? {} : { chars: JSON.parse(values.chars) as Record<string, unknown> }), policies: [] }, data, emptyDomain(), { seed: 42 });
writeFileSync(values.out ?? '/dev/stdout', JSON.stringify(model.persist()));
