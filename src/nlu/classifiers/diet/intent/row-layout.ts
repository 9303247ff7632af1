// The intent network's input rows: the featurizers' named sparse sets side by side, each set
// L2-normalised on its own (so a set with many n-grams does not drown the others), as in
// classifiers/feature-layout.ts, plus optional pruning: features seen in fewer than `minCount`
// training examples can be given no row (such a row mostly memorises its one sentence; dropping
// them halves a large model, its load time and its memory). Rows keep the featurizers' order.
import { z } from 'zod';
import type { Message, SparsePieces } from '../../../component.js';
import { decodeInt32, encodeArray, encodedArraySchema } from '../codec.js';
import { FeatureLayout, type SparseVector } from '../../feature-layout.js';

export const rowLayoutSchema = z.object({
  // weight: absent (1) for every set of the default featurizers, so their models are unchanged
  sets: z.array(z.object({ key: z.string(), offset: z.number().int().min(0), size: z.number().int().min(0), weight: z.number().positive().optional() })),
  /** int32: the feature (set offset + index) of each row, in row order */
  features: encodedArraySchema,
  rows: z.number().int().min(0),
});
export type RowLayoutData = z.infer<typeof rowLayoutSchema>;

interface LayoutSet { key: string; offset: number; size: number; weight?: number }

/** A set left out of the row vector, to be summed word by word: its words' rows times `scale`. */
export interface PiecewiseSet {
  /** the set's position in the layout (its words' sums are kept per set) */
  set: number;
  /** the set's first feature: a term t of it is feature offset + t */
  offset: number;
  /** terms at or beyond size have no row (unseen in training) */
  size: number;
  scale: number;
  pieces: SparsePieces;
}

/**
 * A set goes by pieces from eight distinct terms per word: English words (about thirteen char_wb
 * terms each) parse 10–25 % faster by pieces (piece-sums.ts); Chinese messages (about five per jieba
 * word) parse no faster or slower either way, and keep no sums.
 */
const PIECEWISE_FROM_TERMS_PER_WORD = 8;

export class RowLayout {
  /** feature (set offset + index) → row, or -1 */
  private readonly rowOfFeature: Int32Array;
  // scratch for vectorize: grown to the largest message seen
  private indices = new Int32Array(64);
  private values = new Float64Array(64);
  private values32 = new Float32Array(64);
  private readonly piecewise: PiecewiseSet[] = [];

  private constructor(private readonly sets: readonly LayoutSet[], private readonly features: Int32Array) {
    const total = sets.reduce((n, s) => n + s.size, 0);
    this.rowOfFeature = new Int32Array(total).fill(-1);
    features.forEach((f, r) => { this.rowOfFeature[f] = r; });
  }

  static fromData(d: RowLayoutData): RowLayout {
    return new RowLayout(d.sets, decodeInt32(d.features, d.rows, 'DIET feature rows'));
  }

  toData(): RowLayoutData {
    return { sets: this.sets.map((s) => ({ ...s })), features: encodeArray(this.features), rows: this.features.length };
  }

  static fromMessages(messages: readonly Message[], minCount: number): RowLayout {
    const { sets: plain, size } = FeatureLayout.fromMessages(messages).data;
    const sets: LayoutSet[] = plain.map((set) => {
      const weight = messages.find((m) => m.sparseWeights?.has(set.key))?.sparseWeights?.get(set.key);
      return weight === undefined || weight === 1 ? set : { ...set, weight };
    });
    const count = new Int32Array(size);
    for (const m of messages) {
      for (const set of sets) {
        const features = m.sparse.get(set.key);
        if (features) for (const [i, v] of features) if (v !== 0) count[set.offset + i] = (count[set.offset + i] as number) + 1;
      }
    }
    const kept: number[] = [];
    count.forEach((c, f) => { if (c >= minCount) kept.push(f); });
    return new RowLayout(sets, Int32Array.from(kept));
  }

  get size(): number {
    return this.features.length;
  }

  /** The message's row vector (arrays of its own: training keeps one per example). */
  vectorize(msg: Message): SparseVector {
    const n = this.fill(msg);
    return { indices: this.indices.slice(0, n), values: Float32Array.from(this.values.subarray(0, n)) };
  }

  /** As vectorize, but views into buffers reused by the next call: parsing allocates no arrays. */
  vectorizeTransient(msg: Message): SparseVector {
    return this.transient(this.fill(msg));
  }

  /** The first n filled rows as views of the scratch buffers (values as float32). */
  private transient(n: number): SparseVector {
    if (this.values32.length < n) this.values32 = new Float32Array(this.values.length);
    const values32 = this.values32;
    for (let k = 0; k < n; k++) values32[k] = this.values[k] as number;
    return { indices: this.indices.subarray(0, n), values: values32.subarray(0, n) };
  }

  /**
   * As vectorizeTransient, but the sets whose features come in word pieces are left out of the row
   * vector and listed instead, with their normalising scale (reused by the next call).
   */
  vectorizePiecewise(msg: Message): { x: SparseVector; piecewise: readonly PiecewiseSet[] } {
    this.piecewise.length = 0;
    return { x: this.transient(this.fill(msg, this.piecewise)), piecewise: this.piecewise };
  }

  /** The row of a feature (set offset + index), or -1 when it has none. */
  rowOf(feature: number): number {
    return this.rowOfFeature[feature] ?? -1;
  }

  /**
   * Rows and normalised values into the scratch buffers, in the featurizers' order; returns the count.
   * With `piecewise`, a set that comes in word pieces is listed there rather than written as rows.
   */
  private fill(msg: Message, piecewise?: PiecewiseSet[]): number {
    let capacity = 0;
    for (const set of this.sets) capacity += msg.sparse.get(set.key)?.size ?? 0;
    if (this.indices.length < capacity) {
      this.indices = new Int32Array(2 * capacity);
      this.values = new Float64Array(2 * capacity);
    }
    const { indices, values, rowOfFeature: rowOf } = this;
    let count = 0;
    for (let s = 0; s < this.sets.length; s++) {
      const set = this.sets[s] as LayoutSet;
      const features = msg.sparse.get(set.key);
      if (!features || features.size === 0) continue;
      if (piecewise && features.pieces && features.size >= PIECEWISE_FROM_TERMS_PER_WORD * features.pieces.words.length) {
        let norm = 0;
        features.forEach((v, i) => {
          if (i < set.size && (rowOf[set.offset + i] as number) >= 0) norm += v * v;
        });
        if (norm > 0) piecewise.push({ set: s, offset: set.offset, size: set.size, scale: (set.weight ?? 1) / Math.sqrt(norm), pieces: features.pieces });
        continue;
      }
      const first = count;
      let norm = 0;
      // forEach, not for-of: no [index, value] pair allocated per feature
      features.forEach((v, i) => {
        const row = i < set.size ? (rowOf[set.offset + i] as number) : -1;
        if (row < 0 || v === 0) return;
        indices[count] = row;
        values[count++] = v;
        norm += v * v;
      });
      const scale = norm > 0 ? (set.weight ?? 1) / Math.sqrt(norm) : 0;
      for (let k = first; k < count; k++) values[k] = (values[k] as number) * scale;
    }
    return count;
  }
}
