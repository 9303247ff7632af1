// Gazetteer (lookup) features for the entity tagger: which spans of units spell a value that was
// annotated as entity type X somewhere in the training data. Trained naively, the CRF would learn
// that a training sentence's own entity is always in the gazetteer and trust the feature blindly,
// while an unseen name at parse time never is; so training sentences see only the values of the
// other folds (foldGazetteers), and parsing sees every value.
import { z } from 'zod';
import type { Token } from '../../../component.js';
import type { PatternMatch } from '../../../extractors/patterns.js';
import { isStringList } from '../../../featurizers/vocabulary.js';
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';
import { lowerCase } from '../../../util/lower-case.js';
import { FNV_OFFSET, fnvContinue } from '../../../util/stable-hash.js';
import { MAYBE_VALUE, NO_PREFIX, PrefixHashIndex } from './prefix-hash-index.js';

// one `every` per type rather than a schema call per value (SNIPS: 11,000 values, checked on every load)
export const gazetteerSchema = z.record(z.string(), z.custom<string[]>(isStringList, { message: 'gazetteer values must be a list of strings' }));
/** entity type → known values (normalised surface text) */
export type GazetteerData = z.infer<typeof gazetteerSchema>;

export interface GazetteerEntry { entity: string; value: string }

/** Case and whitespace do not distinguish values. */
const normalise = (s: string): string => s.toLowerCase().replace(/\s+/gu, ' ').trim();

export class Gazetteer {
  /** value → the types it was annotated as (sorted) */
  private readonly typesOf = new Map<string, string[]>();
  /** the values, and the hashes of their prefixes (value i = values[i]), built when a message is first matched */
  private lookup: { values: string[]; index: PrefixHashIndex } | undefined;

  private constructor(data: GazetteerData) {
    for (const type of Object.keys(data).sort()) {
      for (const value of data[type] ?? []) {
        const types = this.typesOf.get(value);
        if (types) types.push(type);
        else this.typesOf.set(value, [type]);
      }
    }
  }

  static fromData(data: GazetteerData): Gazetteer {
    return new Gazetteer(data);
  }

  static fromEntries(entries: Iterable<GazetteerEntry>): Gazetteer {
    return new Gazetteer(gazetteerData(entries));
  }

  toData(): GazetteerData {
    // a Map, not an object: an entity type may be named like an Object.prototype member (`constructor`)
    const data = new Map<string, string[]>();
    for (const [value, types] of this.typesOf) {
      for (const t of types) {
        const values = data.get(t);
        if (values) values.push(value);
        else data.set(t, [value]);
      }
    }
    return Object.fromEntries([...data].map(([t, values]) => [t, values.sort()]));
  }

  get size(): number {
    return this.typesOf.size;
  }

  /**
   * Every span of whole units whose text is a known value, once per type it is known as. This runs
   * for every parse: a span grows one unit at a time, its hash continued over the gap and the unit,
   * and stops as soon as no value starts with it (one table probe per unit, where a character trie
   * took one per character, each a likely cache miss).
   */
  matches(text: string, units: readonly Token[]): PatternMatch[] {
    const out: PatternMatch[] = [];
    if (this.typesOf.size === 0) return out;
    if (!this.lookup) {
      const values = [...this.typesOf.keys()];
      this.lookup = { values, index: new PrefixHashIndex(values) };
    }
    const { values, index } = this.lookup;
    const lowered = units.map((u) => normaliseUnit(text, u.start, u.end));
    const gaps = units.map((u, j) => (j === 0 ? '' : gapOf(text, (units[j - 1] as Token).end, u.start)));
    for (let i = 0; i < units.length; i++) {
      const start = (units[i] as Token).start;
      let h = FNV_OFFSET;
      let length = 0;
      for (let j = i; j < units.length; j++) {
        if (j > i) {
          h = fnvContinue(h, gaps[j] as string);
          length += (gaps[j] as string).length;
        }
        h = fnvContinue(h, lowered[j] as string);
        length += (lowered[j] as string).length;
        // '' (units that normalise to nothing) is no value, but a longer span may be
        if (length === 0) continue;
        const probe = index.probe(h);
        if (probe === NO_PREFIX) break;
        if (probe !== MAYBE_VALUE) continue;
        const value = index.valueOf(h, spanText(lowered, gaps, i, j));
        if (value < 0) continue;
        const types = this.typesOf.get(values[value] as string) as string[];
        const end = (units[j] as Token).end;
        for (const name of types) out.push({ name, start, end, text: text.slice(start, end) });
      }
    }
    return out;
  }
}

/** The normalised text of units i..j: their lowered texts joined by the normalised gaps. */
function spanText(lowered: readonly string[], gaps: readonly string[], i: number, j: number): string {
  let s = lowered[i] as string;
  for (let k = i + 1; k <= j; k++) s += (gaps[k] as string) + (lowered[k] as string);
  return s;
}

/** The code units JavaScript's \s matches. */
const isSpace = (c: number): boolean =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** normalise() of text[start, end): a unit without whitespace only needs lowercasing. */
function normaliseUnit(text: string, start: number, end: number): string {
  for (let k = start; k < end; k++) if (isSpace(text.charCodeAt(k))) return normalise(text.slice(start, end));
  return lowerCase(text.slice(start, end));
}

/** The normalised text between two units: '' when they touch, one space for any whitespace. */
function gapOf(text: string, from: number, to: number): string {
  if (from === to) return '';
  const gap = text.slice(from, to);
  return gap === ' ' ? ' ' : gap.toLowerCase().replace(/\s+/gu, ' ');
}

function gazetteerData(entries: Iterable<GazetteerEntry>): GazetteerData {
  const sets = new Map<string, Set<string>>();
  for (const e of entries) {
    const value = normalise(e.value);
    if (value === '') continue;
    let set = sets.get(e.entity);
    if (!set) sets.set(e.entity, (set = new Set()));
    set.add(value);
  }
  return Object.fromEntries([...sets].map(([t, s]) => [t, [...s].sort()]));
}

export interface FoldExample { text: string; entities: readonly { entity: string; start: number; end: number }[] }

const entriesOf = (ex: FoldExample): GazetteerEntry[] => ex.entities.map((e) => ({ entity: e.entity, value: ex.text.slice(e.start, e.end) }));

/**
 * One gazetteer per example, built from the annotations of the examples outside its fold (`folds`
 * random folds, seeded): what a training sentence sees is then as incomplete as at parse time.
 */
export function foldGazetteers(examples: readonly FoldExample[], folds: number, seed: number): Gazetteer[] {
  const order = Int32Array.from(examples, (_, i) => i);
  shuffleInPlace(order, seededRandom(seed ^ 0x6a09e667));
  const foldOf = new Int32Array(examples.length);
  order.forEach((ex, k) => { foldOf[ex] = k % folds; });
  const perFold = Array.from({ length: folds }, (_, f) =>
    Gazetteer.fromEntries(examples.flatMap((ex, i) => (foldOf[i] === f ? [] : entriesOf(ex)))));
  return examples.map((_, i) => perFold[foldOf[i] as number] as Gazetteer);
}

/** The gazetteer of every annotated value: what parsing uses. */
export const fullGazetteer = (examples: readonly FoldExample[]): Gazetteer => Gazetteer.fromEntries(examples.flatMap(entriesOf));
