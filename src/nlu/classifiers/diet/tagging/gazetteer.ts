// Gazetteer (lookup) features for the entity tagger: which spans of units spell a value that was
// annotated as entity type X somewhere in the training data. Trained naively, the CRF would learn
// that a training sentence's own entity is always in the gazetteer and trust the feature blindly,
// while an unseen name at parse time never is; so training sentences see only the values of the
// other folds (foldGazetteers), and parsing sees every value.
import { z } from 'zod';
import type { Token } from '../../../component.js';
import type { PatternMatch } from '../../../extractors/patterns.js';
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';

export const gazetteerSchema = z.record(z.string(), z.array(z.string()));
/** entity type → known values (normalised surface text) */
export type GazetteerData = z.infer<typeof gazetteerSchema>;

export interface GazetteerEntry { entity: string; value: string }

/** Case and whitespace do not distinguish values. */
const normalise = (s: string): string => s.toLowerCase().replace(/\s+/gu, ' ').trim();

export class Gazetteer {
  /** value → the types it was annotated as (sorted) */
  private readonly typesOf = new Map<string, string[]>();
  /** every value, sorted: prefix search */
  private readonly sorted: string[];
  private readonly maxLength: number;

  private constructor(data: GazetteerData) {
    let max = 0;
    for (const type of Object.keys(data).sort()) {
      for (const value of data[type] ?? []) {
        const types = this.typesOf.get(value);
        if (types) types.push(type);
        else this.typesOf.set(value, [type]);
        max = Math.max(max, value.length);
      }
    }
    this.maxLength = max;
    this.sorted = [...this.typesOf.keys()].sort();
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
   * for every parse: a span grows one unit at a time and stops as soon as no value starts with it,
   * so a sentence costs a few lookups per unit instead of one normalised substring per span.
   */
  matches(text: string, units: readonly Token[]): PatternMatch[] {
    const out: PatternMatch[] = [];
    if (this.typesOf.size === 0) return out;
    const lowered = units.map((u) => normaliseUnit(text, u.start, u.end));
    const values = this.sorted;
    for (let i = 0; i < units.length; i++) {
      const start = (units[i] as Token).start;
      let key = '';
      // the values starting with key are values[lo, hi); a longer key's are among them
      let lo = 0;
      let hi = values.length;
      for (let j = i; j < units.length; j++) {
        if (j > i) key += gapOf(text, (units[j - 1] as Token).end, (units[j] as Token).start);
        key += lowered[j] as string;
        if (key.length > this.maxLength) break;
        // a unit that normalises to nothing (whitespace) narrows nothing
        if (key.length === 0) continue;
        lo = lowerBound(values, key, lo, hi);
        if (lo === hi || !(values[lo] as string).startsWith(key)) break;
        hi = lowerBound(values, prefixEnd(key), lo, hi);
        if ((values[lo] as string).length !== key.length) continue;
        const types = this.typesOf.get(key) as string[];
        const end = (units[j] as Token).end;
        for (const name of types) out.push({ name, start, end, text: text.slice(start, end) });
      }
    }
    return out;
  }
}

/** The first index in values[lo, hi) whose value is not below key (values sorted). */
function lowerBound(values: readonly string[], key: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The least string above every string that starts with key (key's last code unit + 1). */
function prefixEnd(key: string): string {
  const last = key.charCodeAt(key.length - 1);
  // nothing sorts above a string's U+FFFF continued: the caller's hi stays
  return last === 0xffff ? '\uffff'.repeat(key.length + 1) : key.slice(0, -1) + String.fromCharCode(last + 1);
}

/** The code units JavaScript's \s matches. */
const isSpace = (c: number): boolean =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** normalise() of text[start, end): a unit without whitespace only needs lowercasing. */
function normaliseUnit(text: string, start: number, end: number): string {
  for (let k = start; k < end; k++) if (isSpace(text.charCodeAt(k))) return normalise(text.slice(start, end));
  return text.slice(start, end).toLowerCase();
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
