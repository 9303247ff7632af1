// Pretrained word vectors held compactly: one typed array for all rows and a word → row index in
// typed arrays (341k small typed arrays, or a Map of 341k strings, would cost more than the numbers).
// A table read from a vectors file holds float32 rows; the part of it a trained model keeps holds
// int8 rows with a scale each (a quarter of the bytes; the mean of a message's words moves by less
// than the rows' rounding).
import { z } from 'zod';
import { ParleyError } from '../../errors.js';
import { decodeInt32, decodeUint16, encodeArray, encodedArraySchema, quantizeRows, readQuantizedRows } from '../classifiers/diet/codec.js';
import { WordIndex } from './word-index.js';

/** A table's words and int8 rows as a model stores them (`WordVectorTable.toData`). */
export const storedVectorsSchema = z.object({
  dimensions: z.number().int().positive(),
  words: z.object({ chars: encodedArraySchema, starts: encodedArraySchema, slots: encodedArraySchema, charCount: z.number().int().nonnegative(), slotCount: z.number().int().positive() }).strict(),
  rows: z.object({ rows: z.number().int().nonnegative(), width: z.number().int().positive(), scales: encodedArraySchema, values: encodedArraySchema }).strict(),
}).strict();
export type StoredVectors = z.infer<typeof storedVectorsSchema>;

export class WordVectorTable {
  private constructor(
    readonly dimensions: number,
    private readonly index: WordIndex,
    private readonly data: Float32Array | Int8Array,
    /** per row, what an int8 row's levels are multiplied by; undefined for float32 rows */
    private readonly scales?: Float32Array,
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

  /** The word index and all rows of a float32 table (one read from a vectors file), for the binary cache. */
  rows(): { index: WordIndex; data: Float32Array } {
    if (!(this.data instanceof Float32Array)) throw new Error('WordVectorTable.rows(): an int8 table is not cached');
    return { index: this.index, data: this.data };
  }

  /** Adds the word's vector to `sum` without allocating (the parse path); false when the word is unknown. */
  addTo(word: string, sum: Float64Array): boolean {
    const row = this.index.rowOf(word);
    if (row < 0) return false;
    this.addRow(row, sum);
    return true;
  }

  private addRow(row: number, sum: Float64Array): void {
    const { data, dimensions } = this;
    const scale = this.scales === undefined ? 1 : (this.scales[row] as number);
    for (let d = 0, k = row * dimensions; d < dimensions; d++, k++) sum[d] = (sum[d] as number) + (data[k] as number) * scale;
  }

  /**
   * Adds the vectors of the word's longest known pieces, left to right (at most `longest`
   * characters each; characters in no known piece are skipped); returns how many were added.
   */
  addPiecesTo(word: string, sum: Float64Array, longest = 4): number {
    return this.walkPieces(word, longest, (row) => this.addRow(row, sum));
  }

  /** The known pieces addPiecesTo() would add for `word`. */
  piecesOf(word: string, longest = 4): string[] {
    const pieces: string[] = [];
    this.walkPieces(word, longest, (row) => pieces.push(this.index.word(row)));
    return pieces;
  }

  private walkPieces(word: string, longest: number, visit: (row: number) => void): number {
    // code points, not code units, where the word has astral characters; else substrings directly
    const chars = /[\uD800-\uDFFF]/.test(word) ? Array.from(word) : undefined;
    const length = chars ? chars.length : word.length;
    const piece = (i: number, n: number): string => (chars ? chars.slice(i, i + n).join('') : word.substring(i, i + n));
    let found = 0;
    for (let i = 0; i < length;) {
      let n = Math.min(longest, length - i);
      let row = -1;
      while (n > 0 && (row = this.index.rowOf(piece(i, n))) < 0) n--;
      if (n > 0) {
        visit(row);
        found++;
      }
      i += Math.max(n, 1);
    }
    return found;
  }

  /** Whether the table has a vector for `word`. */
  has(word: string): boolean {
    return this.index.rowOf(word) >= 0;
  }

  /** The word's vector, or undefined when the word is unknown. */
  get(word: string): Float32Array | undefined {
    const row = this.index.rowOf(word);
    if (row < 0) return undefined;
    const out = new Float64Array(this.dimensions);
    this.addRow(row, out);
    return Float32Array.from(out);
  }

  /**
   * The part of the table a model keeps: the first `first` rows (a vectors file lists its words
   * most frequent first) and the rows of `words`, in table order, at int8.
   */
  keep(words: Iterable<string>, first: number): WordVectorTable {
    const size = this.size;
    const kept = new Uint8Array(size);
    kept.fill(1, 0, Math.min(first, size));
    for (const w of words) {
      const row = this.index.rowOf(w);
      if (row >= 0) kept[row] = 1;
    }
    const rows: number[] = [];
    kept.forEach((k, row) => { if (k === 1) rows.push(row); });
    const dims = this.dimensions;
    const matrix = new Float32Array(rows.length * dims);
    const row64 = new Float64Array(dims);
    rows.forEach((row, r) => {
      row64.fill(0);
      this.addRow(row, row64);
      matrix.set(row64, r * dims);
    });
    const q = quantizeRows(matrix, rows.length, dims, 8);
    const { values, scales } = readQuantizedRows(q, 'word vectors');
    return new WordVectorTable(dims, WordIndex.build(rows.map((row) => this.index.word(row))), values, scales);
  }

  /** An int8 table (one made by keep()) as a model stores it. */
  toData(): StoredVectors {
    if (!(this.data instanceof Int8Array) || this.scales === undefined) throw new Error('WordVectorTable.toData(): only an int8 table is stored in a model');
    const { chars, starts, slots } = this.index;
    return {
      dimensions: this.dimensions,
      words: {
        chars: encodeArray(chars), starts: encodeArray(new Int32Array(starts.buffer, starts.byteOffset, starts.length)), slots: encodeArray(slots),
        charCount: chars.length, slotCount: slots.length,
      },
      rows: { rows: this.size, width: this.dimensions, scales: encodeArray(this.scales), values: encodeArray(this.data) },
    };
  }

  /** A table a model stored (toData()); MODEL_INVALID when its parts do not fit together. */
  static fromData(d: StoredVectors): WordVectorTable {
    const rows = d.rows.rows;
    if (d.rows.width !== d.dimensions) throw new ParleyError('MODEL_INVALID', `NLU model: word vectors of ${d.rows.width} columns, expected ${d.dimensions}`);
    const starts = decodeInt32(d.words.starts, rows + 1, 'word vector words');
    const index = WordIndex.fromArrays(
      decodeUint16(d.words.chars, d.words.charCount, 'word vector characters'),
      new Uint32Array(starts.buffer, starts.byteOffset, starts.length),
      decodeInt32(d.words.slots, d.words.slotCount, 'word vector slots'),
    );
    if (!index) throw new ParleyError('MODEL_INVALID', 'NLU model: the word vectors\' word index is inconsistent');
    const { values, scales } = readQuantizedRows(d.rows, 'word vectors');
    return new WordVectorTable(d.dimensions, index, values, scales);
  }

  /**
   * From the wink-embeddings JSON shape: `{ dimensions, vectors: { word: number[] }, words?: string[] }`;
   * each array holds at least `dimensions` numbers (wink appends the norm and the word's index,
   * ignored here). Rows follow `words` where it is given (wink lists them most frequent first), else
   * the object's order (which puts integer-like words such as "2019" first).
   */
  static fromJson(raw: unknown, source: string): WordVectorTable {
    const { dimensions, vectors, words } = (typeof raw === 'object' && raw !== null ? raw : {}) as { dimensions?: unknown; vectors?: unknown; words?: unknown };
    if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || typeof vectors !== 'object' || vectors === null) {
      throw new ParleyError('CONFIG_INVALID', `WordVectorFeaturizer: ${source} is not a word vectors file (expected { dimensions, vectors: { word: number[] } })`);
    }
    const byWord = vectors as Record<string, unknown>;
    const ordered = Array.isArray(words) && words.every((w) => typeof w === 'string' && Object.hasOwn(byWord, w)) && new Set(words).size === Object.keys(byWord).length;
    const entries: [string, unknown][] = ordered ? (words as string[]).map((w) => [w, byWord[w]]) : Object.entries(byWord);
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
