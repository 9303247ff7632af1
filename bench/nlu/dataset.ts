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

export function readJsonl(file: string): BenchExample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BenchExample);
}

const hanShare = (rows: readonly BenchExample[]): number => {
  const sample = rows.slice(0, 500).map((r) => r.text).join('');
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han / Math.max(1, sample.length);
};

export function loadBenchSet(dir: string, opts: { maxTrain?: number } = {}): BenchSet {
  let train = readJsonl(join(dir, 'train.jsonl'));
  if (opts.maxTrain !== undefined && train.length > opts.maxTrain) {
    // every k-th example, so every intent keeps its share
    const step = train.length / opts.maxTrain;
    train = Array.from({ length: opts.maxTrain }, (_, i) => train[Math.floor(i * step)] as BenchExample);
  }
  const hasOos = existsSync(join(dir, 'train_oos.jsonl')) || existsSync(join(dir, 'test_oos.jsonl'));
  const oos = hasOos ? { train: readJsonl(join(dir, 'train_oos.jsonl')), val: readJsonl(join(dir, 'val_oos.jsonl')), test: readJsonl(join(dir, 'test_oos.jsonl')) } : undefined;
  return {
    name: basename(dir),
    dir,
    language: hanShare(train) > 0.2 ? 'zh' : 'en',
    train,
    val: readJsonl(join(dir, 'val.jsonl')),
    test: readJsonl(join(dir, 'test.jsonl')),
    oos,
    hasEntities: train.some((r) => r.entities !== undefined),
  };
}
