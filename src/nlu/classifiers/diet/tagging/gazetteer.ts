// Gazetteer (lookup) features for the entity tagger: which spans of units spell a value that was
// annotated as entity type X somewhere in the training data. Trained naively, the CRF would learn
// that a training sentence's own entity is always in the gazetteer and trust the feature blindly,
// while an unseen name at parse time never is; so training sentences see only the values of the
// other folds (foldGazetteers), and parsing sees every value.
import { z } from 'zod';
import type { Token } from '../../../component.js';
import type { PatternMatch } from '../../../extractors/patterns.js';
import { TermTrie } from '../../../featurizers/term-trie.js';
import { isStringList } from '../../../featurizers/vocabulary.js';
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';

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
  /** the values, and a character trie of them (term i = values[i]), built when a message is first matched */
  private lookup: { values: string[]; trie: TermTrie } | undefined;

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
   * for every parse: a span grows one unit at a time, walking a character trie of the values, and
   * stops as soon as no value starts with it (for character units: one step per character, where a
   * search of the sorted values compared a dozen strings).
   */
  matches(text: string, units: readonly Token[]): PatternMatch[] {
    const out: PatternMatch[] = [];
    if (this.typesOf.size === 0) return out;
    if (!this.lookup) {
      const values = [...this.typesOf.keys()];
      this.lookup = { values, trie: new TermTrie(values) };
    }
    const { values, trie } = this.lookup;
    const lowered = units.map((u) => normaliseUnit(text, u.start, u.end));
    for (let i = 0; i < units.length; i++) {
      const start = (units[i] as Token).start;
      let node = 0;
      for (let j = i; j < units.length && node >= 0; j++) {
        if (j > i) node = walk(trie, node, gapOf(text, (units[j - 1] as Token).end, (units[j] as Token).start));
        node = walk(trie, node, lowered[j] as string);
        // the root spells '' (a unit that normalises to nothing): no value
        if (node <= 0) continue;
        const term = trie.term(node);
        if (term < 0) continue;
        const types = this.typesOf.get(values[term] as string) as string[];
        const end = (units[j] as Token).end;
        for (const name of types) out.push({ name, start, end, text: text.slice(start, end) });
      }
    }
    return out;
  }
}

/** The trie node reached from `node` along the characters of s, or −1. */
function walk(trie: TermTrie, node: number, s: string): number {
  for (let k = 0; k < s.length && node >= 0; k++) node = trie.child(node, s.charCodeAt(k));
  return node;
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
