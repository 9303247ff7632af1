// Reading a benchmark set (one JSON object per line: text, intent, entities?) in the format of
// ../shared/data/README.md. CLINC-style sets add *_oos.jsonl files with the intent `oos`.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface BenchEntity { start: number; end: number; entity: string; value: string }
export interface BenchExample { text: string; intent: string; entities?: BenchEntity[] }

export interface BenchSet {
  name: string;
  dir: string;
  language: 'zh' | 'en';
  train: BenchExample[];
  /** tuning split (val.jsonl), possibly empty */
  val: BenchExample[];
  test: BenchExample[];
  /** out-of-scope files present (CLINC150 protocol) */
  oos: { train: BenchExample[]; val: BenchExample[]; test: BenchExample[] } | undefined;
  hasEntities: boolean;
}

/** A JSONL file of examples ([] when absent); a malformed line is an error naming file:line. */
export function readJsonl(file: string): BenchExample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (line.trim() ? [parseExample(line, `${file}:${i + 1}`)] : []));
}

function parseExample(line: string, where: string): BenchExample {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (cause) {
    throw new Error(`${where}: not JSON (${(cause as Error).message})`, { cause });
  }
  const r = row as Partial<BenchExample> | null;
  if (typeof r?.text !== 'string' || typeof r.intent !== 'string' || r.intent === '') throw new Error(`${where}: expected {"text": string, "intent": non-empty string, "entities"?: [...]}`);
  if (r.entities !== undefined) {
    if (!Array.isArray(r.entities)) throw new Error(`${where}: "entities" must be an array`);
    for (const e of r.entities) {
      const ok = typeof e?.entity === 'string' && Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end > e.start && e.end <= r.text.length;
      if (!ok) throw new Error(`${where}: entity ${JSON.stringify(e)} needs "entity" and 0 <= start < end <= text length`);
    }
  }
  return { text: r.text, intent: r.intent, ...(r.entities ? { entities: r.entities.map((e) => ({ ...e, value: typeof e.value === 'string' ? e.value : (r.text ?? '').slice(e.start, e.end) })) } : {}) };
}

const hanShare = (rows: readonly BenchExample[]): number => {
  const sample = rows.slice(0, 500).map((r) => r.text).join('');
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han / Math.max(1, sample.length);
};

const OOS = 'oos';
const partition = (rows: readonly BenchExample[]): [BenchExample[], BenchExample[]] => [rows.filter((r) => r.intent !== OOS), rows.filter((r) => r.intent === OOS)];

/**
 * A set in the format of shared/data/README.md. Out-of-scope examples (intent `oos`) may sit in
 * *_oos.jsonl files (CLINC150) or among the others; either way they are scored by the oos protocol.
 */
export function loadBenchSet(dir: string, opts: { maxTrain?: number } = {}): BenchSet {
  for (const required of ['train.jsonl', 'test.jsonl']) {
    if (!existsSync(join(dir, required))) throw new Error(`${dir}: no ${required} (a set holds train.jsonl, test.jsonl and optionally val.jsonl, as in shared/data/README.md)`);
  }
  const file = (name: string) => readJsonl(join(dir, name));
  const [train, trainOos] = partition(file('train.jsonl'));
  const [val, valOos] = partition(file('val.jsonl'));
  const [test, testOos] = partition(file('test.jsonl'));
  if (train.length === 0 || test.length === 0) throw new Error(`${dir}: train.jsonl and test.jsonl need in-scope examples`);
  let kept = train;
  if (opts.maxTrain !== undefined && train.length > opts.maxTrain) {
    // every k-th example, so every intent keeps its share
    const step = train.length / opts.maxTrain;
    kept = Array.from({ length: opts.maxTrain }, (_, i) => train[Math.floor(i * step)] as BenchExample);
  }
  const oos = { train: [...trainOos, ...file('train_oos.jsonl')], val: [...valOos, ...file('val_oos.jsonl')], test: [...testOos, ...file('test_oos.jsonl')] };
  return {
    name: basename(dir),
    dir,
    language: hanShare(kept) > 0.2 ? 'zh' : 'en',
    train: kept,
    val,
    test,
    oos: oos.train.length + oos.val.length + oos.test.length > 0 ? oos : undefined,
    hasEntities: kept.some((r) => r.entities !== undefined),
  };
}

/** The evaluation split asked for, or an error when the set has none. */
export function evaluationSplit(set: BenchSet, split: 'val' | 'test'): BenchExample[] {
  if (split === 'val' && set.val.length === 0) throw new Error(`${set.dir}: no val.jsonl to evaluate on: use --split test (report) or tune by cross-validation`);
  return split === 'val' ? set.val : set.test;
}
