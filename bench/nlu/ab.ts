// Same-process A/B of parse speed: another checkout's parse code (say the commit before a change)
// against this one's, on the same persisted model, the texts parsed in alternating rounds. On this
// shared machine a fresh process can run 1.5× slower than the next, so a change is judged by the
// ratio within one process. Also checks that both give the same parse for every text.
//   git worktree add /tmp/base <commit> && ln -s $PWD/node_modules /tmp/base/node_modules
//   npx tsx bench/nlu/train-save.ts --dir /work/shared/data/cais --out /tmp/cais.json
//   node --import tsx/esm bench/nlu/ab.ts --base /tmp/base --model /tmp/cais.json --texts /work/shared/data/cais/test.jsonl [--rounds 20]
// With --base-model the base code parses that model instead: two models compared (--base . for the same code).
// Two models in one process crowd the caches: the absolute times run higher than a server's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { emptyDomain } from '../../src/core/index.js';
import { loadNlu, type NluModelData } from '../../src/nlu/index.js';
import { readJsonl } from './dataset.js';

const { values } = parseArgs({ options: {
  base: { type: 'string' }, model: { type: 'string' }, 'base-model': { type: 'string' }, texts: { type: 'string' }, rounds: { type: 'string', default: '20' },
} });
if (!values.base || !values.model || !values.texts) throw new Error('usage: ab.ts --base <checkout> --model <model.json> --texts <split.jsonl> [--base-model <model.json>] [--rounds n]');

interface Parser { parse(text: string): Promise<unknown> }
const baseCore = (await import(pathToFileURL(join(values.base, 'src/core/index.ts')).href)) as { emptyDomain: typeof emptyDomain };
const baseNlu = (await import(pathToFileURL(join(values.base, 'src/nlu/index.ts')).href)) as { loadNlu: (d: unknown, domain: unknown) => Parser };
const json = readFileSync(values.model, 'utf8');
const baseJson = values['base-model'] === undefined ? json : readFileSync(values['base-model'], 'utf8');
const systems: Record<'base' | 'this', Parser> = {
  base: baseNlu.loadNlu(JSON.parse(baseJson), baseCore.emptyDomain()),
  this: loadNlu(JSON.parse(json) as NluModelData, emptyDomain()),
};
const texts = readJsonl(values.texts).map((r) => r.text);

// bits, and answers: a change that sums in another order moves confidences in the last bits only
interface Answer { intent?: { name?: string; confidence?: number }; entities?: { entity?: string; start?: number; end?: number; value?: unknown }[] }
const answerOf = (p: unknown): string => {
  const a = p as Answer;
  return JSON.stringify([a.intent?.name, (a.entities ?? []).map((e) => [e.entity, e.start, e.end, e.value])]);
};
let differing = 0;
let answersDiffering = 0;
let confidenceMoved = 0;
for (const text of texts) {
  const [b, t] = [await systems.base.parse(text), await systems.this.parse(text)];
  if (JSON.stringify(b) !== JSON.stringify(t)) differing++;
  if (answerOf(b) !== answerOf(t)) answersDiffering++;
  confidenceMoved = Math.max(confidenceMoved, Math.abs(((b as Answer).intent?.confidence ?? 0) - ((t as Answer).intent?.confidence ?? 0)));
}
const rounds = Number(values.rounds);
const times: Record<'base' | 'this', number[]> = { base: [], this: [] };
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 === 0 ? (['base', 'this'] as const) : (['this', 'base'] as const)) {
    const t0 = performance.now();
    for (const text of texts) await systems[name].parse(text);
    times[name].push((1000 * (performance.now() - t0)) / texts.length);
  }
}
// the first rounds warm both up
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const warm = Math.min(4, rounds - 1);
const base = median(times.base.slice(warm));
const mine = median(times.this.slice(warm));
console.log(`µs per parse, median of ${rounds - warm} rounds: base ${base.toFixed(1)}, this ${mine.toFixed(1)}, ratio ${(mine / base).toFixed(3)}; parses differing: ${differing} of ${texts.length} (intent or entities: ${answersDiffering}; intent confidence moved at most ${confidenceMoved.toExponential(1)})`);
