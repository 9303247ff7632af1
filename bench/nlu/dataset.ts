// Reading a benchmark set (one JSON object per line: text, intent, entities?) in the format of
// ../shared/data/README.md. CLINC-style sets add *_oos.jsonl files with the intent `oos`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export interface BenchEntity { start: number; end: number; entity: string; value: string }
export interface BenchExample { text: string; intent: string; entities?: BenchEntity[] }

export interface BenchSet {
  name: string;
  dir: string;
  /** the pipeline's language: 'zh' for text without spaces between words (Chinese, Japanese) */
  language: 'zh' | 'en';
  train: BenchExample[];
  /** tuning split (val.jsonl), possibly empty */
  val: BenchExample[];
  test: BenchExample[];
  /** out-of-scope files present (CLINC150 protocol) */
  oos: { train: BenchExample[]; val: BenchExample[]; test: BenchExample[] } | undefined;
  hasEntities: boolean;
  /** things that do not stop the run but bear on the scores (unseen test intents or entity types, overlapping spans) */
  warnings: string[];
}

/**
 * A JSONL file of examples ([] when absent); a malformed line is an error naming file:line. A UTF-8
 * byte-order mark, CRLF line ends and blank lines are accepted.
 */
export function readJsonl(file: string): BenchExample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n').flatMap((line, i) => (line.trim() ? [parseExample(line, `${file}:${i + 1}`)] : []));
}

/** UTF-16 offsets (what `text.slice` takes) of code-point offsets, as a Python converter writes them. */
function fromCodePoints(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const points = [...text];
  if (points.length === text.length || end > points.length) return undefined;
  const at = (k: number): number => points.slice(0, k).join('').length;
  return { start: at(start), end: at(end) };
}

/**
 * An annotated entity with offsets into `text` (UTF-16, end exclusive) matching its value. Offsets
 * that count code points (Python's str indices) are converted when that is what makes them match
 * the value: the two differ only after an astral character (emoji, rare CJK).
 */
function checkEntity(e: Record<string, unknown> | null | undefined, text: string, where: string): BenchEntity {
  const bad = (why: string): Error => new Error(`${where}: entity ${JSON.stringify(e)} ${why}`);
  if (typeof e?.entity !== 'string' || e.entity === '') throw bad('needs a non-empty "entity"');
  const { start, end } = e;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) throw bad('needs integer offsets 0 <= "start" < "end" (character offsets, end exclusive)');
  let span = { start: start as number, end: end as number };
  if (e.value !== undefined && typeof e.value !== 'string') throw bad('has a "value" that is not a string');
  const value = e.value as string | undefined;
  if (span.end > text.length) throw bad(`ends after the text (length ${text.length})`);
  if (value !== undefined && text.slice(span.start, span.end) !== value) {
    const points = fromCodePoints(text, span.start, span.end);
    if (points && text.slice(points.start, points.end) === value) span = points;
    else throw bad(`does not match the text: text.slice(${span.start}, ${span.end}) is ${JSON.stringify(text.slice(span.start, span.end))}, not the value (shared/data/README.md: text.slice(start, end) === value)`);
  }
  return { ...e, entity: e.entity, ...span, value: text.slice(span.start, span.end) };
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
  if (r.entities === undefined || r.entities === null) return { text: r.text, intent: r.intent };
  if (!Array.isArray(r.entities)) throw new Error(`${where}: "entities" must be an array`);
  const text = r.text;
  return { text, intent: r.intent, entities: (r.entities as unknown[]).map((e) => checkEntity(e as Record<string, unknown>, text, where)) };
}

/**
 * The share of characters in scripts written without spaces between words (Chinese, and Japanese
 * kana and kanji), over a sample spread through the file: above 0.2 the set gets the Chinese
 * pipeline (JiebaTokenizer, which also cuts kana), since whitespace tokens would swallow whole
 * sentences and no entity inside one could be tagged. Korean is written with spaces: English pipeline.
 */
export const unsegmentedShare = (rows: readonly BenchExample[]): number => {
  const step = Math.max(1, Math.floor(rows.length / 500));
  const sample = rows.filter((_, i) => i % step === 0).map((r) => r.text).join('');
  const cjk = sample.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  return cjk / Math.max(1, sample.length);
};

const OOS = 'oos';
const partition = (rows: readonly BenchExample[]): [BenchExample[], BenchExample[]] => [rows.filter((r) => r.intent !== OOS), rows.filter((r) => r.intent === OOS)];

/**
 * The few-shot regime a bot's data lives in: `k` examples of each intent, the first k in SHA-1 order
 * of their texts (deterministic whatever the file's order, the same draw for every system), kept in
 * file order. An intent with fewer keeps all of them.
 */
export function perIntent(rows: readonly BenchExample[], k: number): BenchExample[] {
  const key = (r: BenchExample): string => createHash('sha1').update(`few-shot:${r.text}`).digest('hex');
  const byIntent = new Map<string, { row: BenchExample; index: number; key: string }[]>();
  rows.forEach((row, index) => byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), { row, index, key: key(row) }]));
  const kept = [...byIntent.values()].flatMap((xs) => xs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index)).slice(0, k));
  return kept.sort((a, b) => a.index - b.index).map((x) => x.row);
}

/**
 * A set in the format of shared/data/README.md. Out-of-scope examples (intent `oos`) may sit in
 * *_oos.jsonl files (CLINC150) or among the others; either way they are scored by the oos protocol.
 * test.jsonl is required unless the set is read to be evaluated on val (`split: 'val'`).
 */
export function loadBenchSet(dir: string, opts: { maxTrain?: number; perIntent?: number; split?: 'val' | 'test' } = {}): BenchSet {
  const split = opts.split ?? 'test';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory (give the folder holding train.jsonl and test.jsonl, as in shared/data/README.md)`);
  const has = (name: string): boolean => existsSync(join(dir, name));
  if (!has('train.jsonl')) throw new Error(`${dir}: no train.jsonl (a set holds train.jsonl, test.jsonl and optionally val.jsonl, as in shared/data/README.md)`);
  if (split === 'test' && !has('test.jsonl')) {
    throw new Error(has('val.jsonl')
      ? `${dir}: no test.jsonl, only train.jsonl and val.jsonl: evaluate on val with --split val (and report the numbers as val, not test)`
      : `${dir}: no test.jsonl (a set holds train.jsonl, test.jsonl and optionally val.jsonl, as in shared/data/README.md)`);
  }
  const file = (name: string) => readJsonl(join(dir, name));
  const [train, trainOos] = partition(file('train.jsonl'));
  const [val, valOos] = partition(file('val.jsonl'));
  const [test, testOos] = partition(file('test.jsonl'));
  const empty = (name: string, oosRows: BenchExample[]): Error =>
    new Error(`${join(dir, name)}: ${oosRows.length > 0 ? `only out-of-scope examples (intent "${OOS}")` : 'no examples (empty file)'}: it needs in-scope examples`);
  if (train.length === 0) throw empty('train.jsonl', trainOos);
  if (split === 'test' && test.length === 0) throw empty('test.jsonl', testOos);
  if (split === 'val' && val.length === 0 && has('val.jsonl')) throw empty('val.jsonl', valOos);
  let kept = opts.perIntent === undefined ? train : perIntent(train, opts.perIntent);
  if (opts.maxTrain !== undefined && kept.length > opts.maxTrain) {
    // every k-th example, so every intent keeps its share
    const step = kept.length / opts.maxTrain;
    const from = kept;
    kept = Array.from({ length: opts.maxTrain }, (_, i) => from[Math.floor(i * step)] as BenchExample);
  }
  const oosTrain = [...trainOos, ...file('train_oos.jsonl')];
  // trained as a class, oos is one more intent: K of it, like the others
  const oos = { train: opts.perIntent === undefined ? oosTrain : perIntent(oosTrain, opts.perIntent), val: [...valOos, ...file('val_oos.jsonl')], test: [...testOos, ...file('test_oos.jsonl')] };
  const evaluated = split === 'val' ? val : test;
  const warnings = warningsOf(kept, evaluated, split);
  if (oos.test.length + oos.val.length > 0 && split === 'test' && val.length + oos.val.length === 0) {
    warnings.push(`out-of-scope examples but no val.jsonl/val_oos.jsonl: the oos threshold cannot be tuned and stays 0 (the threshold column equals the class column)`);
  }
  const set: BenchSet = {
    name: basename(resolve(dir)),
    dir,
    language: unsegmentedShare(kept) > 0.2 ? 'zh' : 'en',
    train: kept,
    val,
    test,
    oos: oos.train.length + oos.val.length + oos.test.length > 0 ? oos : undefined,
    hasEntities: kept.some((r) => r.entities !== undefined),
    warnings,
  };
  evaluationSplit(set, split); // no val.jsonl: say so before training
  return set;
}

/** What a reader of the scores should know about a set that still runs. */
function warningsOf(train: readonly BenchExample[], evaluated: readonly BenchExample[], split: string): string[] {
  const warnings: string[] = [];
  const known = new Set(train.map((r) => r.intent));
  const unseen = evaluated.filter((r) => !known.has(r.intent));
  if (unseen.length > 0) {
    const names = [...new Set(unseen.map((r) => r.intent))];
    warnings.push(`${unseen.length} ${split} example(s) of ${names.length} intent(s) absent from train (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): no system can predict them, they count as errors`);
  }
  const types = new Set(train.flatMap((r) => (r.entities ?? []).map((e) => e.entity)));
  const unseenSpans = evaluated.flatMap((r) => (r.entities ?? []).filter((e) => !types.has(e.entity)));
  if (unseenSpans.length > 0) {
    const names = [...new Set(unseenSpans.map((e) => e.entity))];
    warnings.push(`${unseenSpans.length} ${split} entity span(s) of ${names.length} type(s) absent from train (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): they count as missed in slot F1`);
  }
  for (const [name, rows] of [['train', train], [split, evaluated]] as const) {
    const n = rows.filter((r) => hasOverlap(r.entities ?? [])).length;
    if (n > 0) warnings.push(`${n} ${name} example(s) with overlapping entity spans: Parley's tagger learns only the first span of each overlap and never predicts overlapping spans, while slot F1 counts every gold span (its ceiling is below 100)`);
  }
  return warnings;
}

const hasOverlap = (es: readonly BenchEntity[]): boolean => {
  const sorted = [...es].sort((a, b) => a.start - b.start);
  return sorted.some((e, i) => i > 0 && e.start < (sorted[i - 1] as BenchEntity).end);
};

/** The evaluation split asked for, or an error when the set has none. */
export function evaluationSplit(set: BenchSet, split: 'val' | 'test'): BenchExample[] {
  if (split === 'val' && set.val.length === 0) throw new Error(`${set.dir}: ${existsSync(join(set.dir, 'val.jsonl')) ? 'val.jsonl has no in-scope examples' : 'no val.jsonl'} to evaluate on: use --split test (report) or tune by cross-validation`);
  return split === 'val' ? set.val : set.test;
}
