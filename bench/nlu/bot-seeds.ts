// How much a small bot's NLU depends on the training seed: trains a project's NLU with each seed
// and parses labelled utterances (its test stories' user turns, and a file of others), counting
// the utterances whose intent, and whose set of entities (type, role and surface text), come out right.
// A bot's few hundred examples leave many decisions near a boundary, so one seed passing its story
// tests says little; the totals over seeds compare data or pipeline changes.
//   npx tsx bench/nlu/bot-seeds.ts --project examples/order-zh [--labelled bench/nlu/bot-probes/order-zh.txt]
//                                  [--seeds 42,1,2,3,4,5,6] [--diet '{…}'] [--show]
// A labelled line is `intent|text` with entities marked as in Rasa's training data: `我要[两份](quantity)宫保鸡丁`.
import { parseArgs } from 'node:util';
import { loadProject } from '../../src/project/load-project.js';
import { trainNlu } from '../../src/nlu/train-nlu.js';
import { entityKey, labelledFile, storyTurns } from './labelled-utterances.js';

const { values } = parseArgs({ options: {
  project: { type: 'string' }, labelled: { type: 'string' }, seeds: { type: 'string', default: '42,1,2,3,4,5,6' },
  diet: { type: 'string', default: '{}' }, show: { type: 'boolean', default: false },
} });

const dir = values.project ?? '';
const project = await loadProject(dir);
const diet = JSON.parse(values.diet ?? '{}') as Record<string, unknown>;
const config = { ...project.config, pipeline: project.config.pipeline.map((c) => (c.name === 'DIETClassifier' ? { ...c, ...diet } : c)) };
const utterances = [...storyTurns(dir), ...(values.labelled ? labelledFile(values.labelled) : [])];
const seeds = (values.seeds ?? '').split(',').map(Number);
let intents = 0;
let entitySets = 0;
const wrong = new Map<string, number>();
for (const seed of seeds) {
  const model = await trainNlu(config, project.nlu, project.domain, { seed });
  let i = 0;
  let e = 0;
  for (const u of utterances) {
    const parse = await model.parse(u.text);
    const intent = parse.intent?.name ?? '';
    // a retrieval intent's sub-intent is the response selector's: compare the base intents
    if (intent === u.intent.split('/')[0] || intent === u.intent) i++;
    else wrong.set(`intent  ${u.text} → ${intent}`, (wrong.get(`intent  ${u.text} → ${intent}`) ?? 0) + 1);
    const found = [...new Set(parse.entities.map((x) => entityKey(x.entity, u.text.slice(x.start, x.end), x.role)))];
    if (found.length === u.entities.length && u.entities.every((x) => found.includes(x))) e++;
    else wrong.set(`entities ${u.text} → ${found.join(', ')}`, (wrong.get(`entities ${u.text} → ${found.join(', ')}`) ?? 0) + 1);
  }
  console.log(`seed ${seed}: intents ${i}/${utterances.length}, entity sets ${e}/${utterances.length}`);
  intents += i;
  entitySets += e;
}
const total = seeds.length * utterances.length;
console.log(`${project.config.assistantId ?? dir}: ${utterances.length} utterances × ${seeds.length} seeds: intents right ${intents}/${total}, entity sets right ${entitySets}/${total}`);
if (values.show) for (const [what, n] of [...wrong].sort((a, b) => b[1] - a[1])) console.log(`  ${n}× ${what}`);
