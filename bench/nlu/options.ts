// bench/nlu/run.ts's options, checked before any training, and where its table goes.
import { basename, join, resolve } from 'node:path';

export const DATA = '/work/shared/data';
export const DEFAULT_SETS = ['clinc150', 'snips-goo', 'cais', 'smp2017'];
const RESULTS = join(import.meta.dirname, '..', 'results');

/** The options checked before any training: a typo fails at once, with what would be accepted. */
export function checkOptions(v: { split?: string | undefined; 'max-train'?: string | undefined; 'per-intent'?: string | undefined; diet?: string | undefined }): void {
  if (v.split !== undefined && v.split !== 'test' && v.split !== 'val') throw new Error(`--split ${v.split}: expected test or val`);
  const max = v['max-train'];
  if (max !== undefined && !/^[1-9]\d*$/.test(max)) throw new Error(`--max-train ${max}: expected a positive integer`);
  const k = v['per-intent'];
  if (k !== undefined && !/^[1-9]\d*$/.test(k)) throw new Error(`--per-intent ${k}: expected a positive integer (training examples kept per intent)`);
  if (v.diet !== undefined) {
    let diet: unknown;
    try { diet = JSON.parse(v.diet); } catch { diet = undefined; }
    if (typeof diet !== 'object' || diet === null || Array.isArray(diet)) throw new Error(`--diet ${v.diet}: expected a JSON object of DIETClassifier options`);
  }
}

/**
 * Where the table goes: --out, else bench/results/nlu.md for the reference run only (every shared set,
 * test split, default training), else bench/results/nlu-runs/<set names>.md.
 */
export function outputFile(dirs: readonly string[], o: { out?: string | undefined; split: string; tuned: boolean; perIntent?: string | undefined }, results = RESULTS, data = DATA): string {
  if (o.out !== undefined) return resolve(o.out);
  const shared = DEFAULT_SETS.map((s) => resolve(data, s));
  const reference = o.split === 'test' && !o.tuned && o.perIntent === undefined && dirs.length === shared.length && shared.every((d) => dirs.map((x) => resolve(x)).includes(d));
  if (reference) return join(results, 'nlu.md');
  const names = [...new Set(dirs.map((d) => basename(resolve(d)).replace(/[^\p{L}\p{N}._-]+/gu, '_')))].join('+').slice(0, 100);
  return join(results, 'nlu-runs', `${names}${o.perIntent !== undefined ? `-k${o.perIntent}` : ''}${o.split === 'val' ? '-val' : ''}.md`);
}

/** Sets are told apart by folder name (table rows, --sets, the output file): two with one name are refused. */
export function checkSetNames(dirs: readonly string[]): void {
  const byName = new Map<string, string[]>();
  for (const d of dirs) byName.set(basename(resolve(d)), [...(byName.get(basename(resolve(d))) ?? []), resolve(d)]);
  for (const [name, same] of byName) {
    if (new Set(same).size > 1) throw new Error(`two sets named ${name} (${[...new Set(same)].join(', ')}): the table tells sets apart by folder name, rename or copy one`);
  }
}
