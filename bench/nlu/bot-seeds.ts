// How much a small bot's NLU depends on the training seed: trains a project's NLU with each seed
// and parses labelled utterances (its test stories' user turns, and a file of others), counting
// the utterances whose intent, and whose set of entities (type and surface text), come out right.
// A bot's few hundred examples leave many decisions near a boundary, so one seed passing its story
// tests says little; the totals over seeds compare data or pipeline changes.
//   npx tsx bench/nlu/bot-seeds.ts --project examples/order-zh [--labelled bench/nlu/bot-probes/order-zh.txt]
//                                  [--seeds 42,1,2,3,4,5,6] [--diet '{…}'] [--show]
// A labelled line is `intent|text` with entities marked as in Rasa's training data: `我要[两份](quantity)宫保鸡丁`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadProject } from '../../src/project/load-project.js';
import { trainNlu } from '../../src/nlu/train-nlu.js';

const { values } = parseArgs({ options: {
  project: { type: 'string' }, labelled: { type: 'string' }, seeds: { type: 'string', default: '42,1,2,3,4,5,6' },
  diet: { type: 'string', default: '{}' }, show: { type: 'boolean', default: false },
} });

interface Labelled { intent: string; text: string; entities: string[] }

const MARK = /\[([^\]]+)\]\(([^)]+)\)|\[([^\]]+)\]\{[^}]*"entity"\s*:\s*"([^"]+)"[^}]*\}/gu;

/** `[surface](type)`, `[surface](type:value)` or `[surface]{"entity": "type", …}` → plain text and `type:surface` entries. */
function unmark(intent: string, marked: string): Labelled {
  let text = '';
  let last = 0;
  const entities: string[] = [];
  for (const m of marked.matchAll(MARK)) {
    const surface = (m[1] ?? m[3]) as string;
    const type = ((m[2] ?? m[4]) as string).split(':')[0] as string;
    text += marked.slice(last, m.index) + surface;
    entities.push(`${type}:${surface}`);
    last = m.index + m[0].length;
  }
  return { intent, text: text + marked.slice(last), entities };
}

/** The user turns of tests/test_stories.yml: inline marks, or the step's `entities` list found in the text. */
function storyTurns(dir: string): Labelled[] {
  let doc: { stories?: { steps?: { user?: string; intent?: string; entities?: Record<string, unknown>[] }[] }[] };
  try {
    doc = parseYaml(readFileSync(join(dir, 'tests', 'test_stories.yml'), 'utf8')) as typeof doc;
  } catch {
    return [];
  }
  const turns: Labelled[] = [];
  for (const story of doc.stories ?? []) {
    for (const step of story.steps ?? []) {
      if (typeof step.user !== 'string' || typeof step.intent !== 'string' || step.user.startsWith('/')) continue;
      const turn = unmark(step.intent, step.user.trim());
      if (turn.entities.length === 0) {
        for (const e of step.entities ?? []) {
          for (const [type, value] of Object.entries(e)) if (turn.text.includes(String(value))) turn.entities.push(`${type}:${String(value)}`);
        }
      }
      turns.push(turn);
    }
  }
  return turns;
}

function labelledFile(path: string): Labelled[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((line, k) => {
    const bar = line.indexOf('|');
    if (bar <= 0) throw new Error(`${path}:${k + 1}: expected "intent|text"`);
    return unmark(line.slice(0, bar), line.slice(bar + 1));
  });
}

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
    const found = [...new Set(parse.entities.map((x) => `${x.entity}:${u.text.slice(x.start, x.end)}`))];
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
