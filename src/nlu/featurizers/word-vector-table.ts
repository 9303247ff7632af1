// Pretrained word vectors held compactly: one Float32Array for all rows and a word → row index in
// typed arrays (341k small typed arrays, or a Map of 341k strings, would cost more than the numbers).
import { ParleyError } from '../../errors.js';
import { WordIndex } from './word-index.js';

export class WordVectorTable {
  private constructor(
    readonly dimensions: number,
    private readonly index: WordIndex,
    private readonly data: Float32Array,
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** From rows already in table order: `data` holds words.length × dimensions numbers. */
  static fromRows(dimensions: number, words: readonly string[], data: Float32Array): WordVectorTable {
    return new WordVectorTable(dimensions, WordIndex.build(words), data);
  }

  /** From an index and its rows (the binary cache): `data` holds index.size × dimensions numbers. */
  static fromIndex(dimensions: number, index: WordIndex, data: Float32Array): WordVectorTable {
    return new WordVectorTable(dimensions, index, data);
  }

  /** The word index and all rows, for the binary cache. */
  rows(): { index: WordIndex; data: Float32Array } {
    return { index: this.index, data: this.data };
  }

  /** Adds the word's vector to `sum` without allocating (the parse path); false when the word is unknown. */
  addTo(word: string, sum: Float64Array): boolean {
    const row = this.index.rowOf(word);
    if (row < 0) return false;
    const { data, dimensions } = this;
    for (let d = 0, k = row * dimensions; d < dimensions; d++, k++) sum[d] = (sum[d] as number) + (data[k] as number);
    return true;
  }

  /**
   * Adds the vectors of the word's longest known pieces, left to right (at most `longest`
   * characters each; characters in no known piece are skipped); returns how many were added.
   */
  addPiecesTo(word: string, sum: Float64Array, longest = 4): number {
    // code points, not code units, where the word has astral characters; else substrings directly
    const chars = /[\uD800-\uDFFF]/.test(word) ? Array.from(word) : undefined;
    const length = chars ? chars.length : word.length;
    const piece = (i: number, n: number): string => (chars ? chars.slice(i, i + n).join('') : word.substring(i, i + n));
    let added = 0;
    for (let i = 0; i < length;) {
      let n = Math.min(longest, length - i);
      while (n > 0 && !this.addTo(piece(i, n), sum)) n--;
      if (n > 0) added++;
      i += Math.max(n, 1);
    }
    return added;
  }

  /** The word's vector (a view into the table), or undefined when the word is unknown. */
  get(word: string): Float32Array | undefined {
    const row = this.index.rowOf(word);
    return row < 0 ? undefined : this.data.subarray(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /**
   * From the wink-embeddings JSON shape: `{ dimensions, vectors: { word: number[] } }`; each array
   * holds at least `dimensions` numbers (wink appends the norm and the word's index, ignored here).
   */
  static fromJson(raw: unknown, source: string): WordVectorTable {
    const { dimensions, vectors } = (typeof raw === 'object' && raw !== null ? raw : {}) as { dimensions?: unknown; vectors?: unknown };
    if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || typeof vectors !== 'object' || vectors === null) {
      throw new ParleyError('CONFIG_INVALID', `WordVectorFeaturizer: ${source} is not a word vectors file (expected { dimensions, vectors: { word: number[] } })`);
    }
    const entries = Object.entries(vectors as Record<string, unknown>);
    const data = new Float32Array(entries.length * dimensions);
    entries.forEach(([word, v], row) => {
      if (!Array.isArray(v) || v.length < dimensions || !v.slice(0, dimensions).every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new ParleyError('CONFIG_INVALID', `WordVectorFeaturizer: ${source}: the vector of "${word}" is not ${dimensions} finite numbers`);
      }
      data.set(v.slice(0, dimensions) as number[], row * dimensions);
    });
    return new WordVectorTable(dimensions, WordIndex.build(entries.map(([word]) => word)), data);
  }
}
