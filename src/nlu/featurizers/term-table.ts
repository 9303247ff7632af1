// Counting a message's n-grams against the vocabulary without building the n-gram strings. Every
// parse looks up a few hundred character n-grams; slicing each one out (a new string, hashed by V8,
// then a Map probe) was a large share of parse time. A word n-gram is an FNV-1a hash continued over
// the pieces it is made of (word, ' ', word), probed in an open-addressing table and confirmed by
// comparing characters with the vocabulary entry; char_wb n-grams are walks of a trie (term-trie.ts).
import { FNV_OFFSET, fnvContinue as fnv, spreadHash as spread } from '../util/stable-hash.js';
import type { NgramOptions } from './ngrams.js';
import { SparseCounts } from './sparse-counts.js';
import { TermTrie } from './term-trie.js';

const SPACE = 32;
const SURROGATE = /[\uD800-\uDFFF]/;
/** words whose char_wb terms a table keeps (a few hundred bytes each) */
const WORD_CACHE_SIZE = 20_000;

export class TermTable {
  /** [hash, term + 1] pairs, one cache line per probe; term + 1 = 0 marks an empty slot */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** char_wb scratch: the term of the n-gram at each start, for n = 1..maxN (-1: none) */
  private gramTerms = new Int32Array(64);
  /** char_wb lookups, built on first use (word n-grams use the hash table) */
  private trie: TermTrie | undefined;
  /** per-call scratch: each term's count so far, and the terms in order of first occurrence */
  private readonly tally: Int32Array;
  private found = new Int32Array(64);
  private foundCount = 0;
  /**
   * char_wb: each word's terms, in order, for the n-gram range in `wordTermsFor`: a word's n-grams
   * depend on the word alone, and most words of a message were seen in earlier ones. Emptied when
   * full, so it holds the words in current use.
   */
  private readonly wordTerms = new Map<string, Int32Array>();
  private readonly wordTermsFor = { minN: 0, maxN: 0 };
  /**
   * word n-grams: each word's own term (-1: none) and the hash state after "word " that its bigrams
   * continue, kept like wordTerms (a message's words were mostly seen before)
   */
  private readonly wordStates = new Map<string, { term: number; pair: number }>();

  /** `terms[i]` has index i. */
  constructor(private readonly terms: readonly string[]) {
    let capacity = 16;
    while (capacity < terms.length * 2) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    this.tally = new Int32Array(terms.length);
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as string;
      this.insert(fnv(FNV_OFFSET, term, 0, term.length), t);
    }
  }

  private insert(h: number, term: number): void {
    const table = this.table;
    let i = spread(h) & this.mask;
    // a repeated term keeps its last index, as a Map built from the same list does
    while (table[2 * i + 1] !== 0 && !(table[2 * i] === h && this.terms[(table[2 * i + 1] as number) - 1] === this.terms[term])) i = (i + 1) & this.mask;
    table[2 * i] = h;
    table[2 * i + 1] = term + 1;
  }

  /** The index of the term text[from, to), or -1; `a` + ' ' + `b` when `b` is given (word bigrams). */
  private find(h: number, a: string, from: number, to: number, b?: string): number {
    const length = b === undefined ? to - from : a.length + 1 + b.length;
    const table = this.table;
    let i = spread(h) & this.mask;
    for (;;) {
      const s = table[2 * i + 1] as number;
      if (s === 0) return -1;
      if (table[2 * i] === h) {
        const term = this.terms[s - 1] as string;
        if (term.length === length && (b === undefined ? sameRange(term, a, from) : samePair(term, a, b))) return s - 1;
      }
      i = (i + 1) & this.mask;
    }
  }

  /**
   * The counts countTerms(extractTerms(words, opts), index) gives, in the same insertion order (with
   * `binary`, 1 for every term found), or undefined when the fast path does not apply (astral
   * characters: n-grams count code points). `recurring`: the words come again in later messages
   * (a tokenizer's words), so their terms are kept and the counts carry them as pieces; whole
   * clauses (CountVectorsFeaturizer's `char_units: text` in Chinese) seldom do.
   */
  count(words: readonly string[], opts: NgramOptions, binary = false, recurring = true): SparseCounts | undefined {
    let pieces: Int32Array[] | undefined;
    if (opts.analyzer === 'word') {
      if (opts.maxN > 2) return undefined;
      this.wordNgrams(words, opts);
    } else {
      if (opts.analyzer !== 'char_wb') return undefined;
      for (const w of words) if (SURROGATE.test(w)) return undefined;
      const cachedFor = this.wordTermsFor;
      if (cachedFor.minN !== opts.minN || cachedFor.maxN !== opts.maxN) {
        this.wordTerms.clear();
        cachedFor.minN = opts.minN;
        cachedFor.maxN = opts.maxN;
      }
      // with binary, a term found in two words counts once: the words are no longer pieces of the set
      if (!binary && recurring) pieces = new Array<Int32Array>(words.length);
      for (let i = 0; i < words.length; i++) {
        const w = words[i] as string;
        if (!recurring) {
          // added straight from the walk: nothing of a clause is kept
          const length = this.walk(w, opts);
          const gramTerms = this.gramTerms;
          for (let n = opts.minN; n <= opts.maxN; n++) {
            for (let p = 0; p + n <= length; p++) this.add(gramTerms[p * opts.maxN + n - 1] as number);
          }
          continue;
        }
        let terms = this.wordTerms.get(w);
        if (terms === undefined) {
          terms = this.charWbTerms(w, opts);
          if (this.wordTerms.size >= WORD_CACHE_SIZE) this.wordTerms.clear();
          this.wordTerms.set(w, terms);
        }
        if (pieces) pieces[i] = terms;
        for (let k = 0; k < terms.length; k++) this.add(terms[k] as number);
      }
    }
    // one entry per distinct term, in order of first occurrence as countTerms inserts them
    const indices = new Array<number>(this.foundCount);
    const values = new Array<number>(this.foundCount);
    for (let k = 0; k < this.foundCount; k++) {
      const term = this.found[k] as number;
      indices[k] = term;
      values[k] = binary ? 1 : (this.tally[term] as number);
      this.tally[term] = 0;
    }
    this.foundCount = 0;
    return new SparseCounts(indices, values, pieces && { words, terms: pieces });
  }

  private add(term: number): void {
    if (term < 0) return;
    if (this.tally[term] === 0) {
      if (this.foundCount === this.found.length) {
        const grown = new Int32Array(2 * this.found.length);
        grown.set(this.found);
        this.found = grown;
      }
      this.found[this.foundCount++] = term;
    }
    this.tally[term] = (this.tally[term] as number) + 1;
  }

  private wordNgrams(words: readonly string[], opts: NgramOptions): void {
    for (let n = opts.minN; n <= opts.maxN; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const a = words[i] as string;
        const state = this.wordState(a);
        if (n === 1) this.add(state.term);
        else {
          const b = words[i + 1] as string;
          this.add(this.find(fnv(state.pair, b, 0, b.length), a, 0, 0, b));
        }
      }
    }
  }

  private wordState(w: string): { term: number; pair: number } {
    let state = this.wordStates.get(w);
    if (state === undefined) {
      const h = fnv(FNV_OFFSET, w, 0, w.length);
      state = { term: this.find(h, w, 0, w.length), pair: fnv(h, ' ') };
      if (this.wordStates.size >= WORD_CACHE_SIZE) this.wordStates.clear();
      this.wordStates.set(w, state);
    }
    return state;
  }

  /**
   * The term (or -1) of each n-gram of ` w ` (the word padded with one space each side) into
   * gramTerms: the n-gram of length n at start i at i · maxN + n − 1. Returns the padded length.
   */
  private walk(w: string, opts: NgramOptions): number {
    const length = w.length + 2;
    const maxN = opts.maxN;
    if (this.gramTerms.length < length * maxN) this.gramTerms = new Int32Array(2 * length * maxN);
    const terms = this.gramTerms;
    const trie = (this.trie ??= new TermTrie(this.terms));
    for (let i = 0; i < length; i++) {
      // the padded text is ' ' + w + ' ': position p of it is w[p - 1]
      let node = 0;
      for (let k = 0; k < maxN; k++) {
        const p = i + k;
        if (node >= 0 && p < length) node = trie.child(node, p === 0 || p === length - 1 ? SPACE : w.charCodeAt(p - 1));
        else node = -1;
        terms[i * maxN + k] = node < 0 ? -1 : trie.term(node);
      }
    }
    return length;
  }

  /** The terms among the n-grams of ` w `, in extractTerms' order. */
  private charWbTerms(w: string, opts: NgramOptions): Int32Array {
    const length = this.walk(w, opts);
    const maxN = opts.maxN;
    const terms = this.gramTerms;
    // n outer, start inner: the order extractTerms emits the n-grams in
    let count = 0;
    for (let n = opts.minN; n <= maxN; n++) {
      for (let i = 0; i + n <= length; i++) if ((terms[i * maxN + n - 1] as number) >= 0) count++;
    }
    const out = new Int32Array(count);
    count = 0;
    for (let n = opts.minN; n <= maxN; n++) {
      for (let i = 0; i + n <= length; i++) {
        const term = terms[i * maxN + n - 1] as number;
        if (term >= 0) out[count++] = term;
      }
    }
    return out;
  }
}

function sameRange(term: string, text: string, from: number): boolean {
  for (let k = 0; k < term.length; k++) if (term.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

function samePair(term: string, a: string, b: string): boolean {
  if (term.charCodeAt(a.length) !== SPACE) return false;
  for (let k = 0; k < a.length; k++) if (term.charCodeAt(k) !== a.charCodeAt(k)) return false;
  for (let k = 0; k < b.length; k++) if (term.charCodeAt(a.length + 1 + k) !== b.charCodeAt(k)) return false;
  return true;
}
