// The intent network's input rows: the featurizers' named sparse sets side by side, each set
// L2-normalised on its own (so a set with many n-grams does not drown the others), as in
// classifiers/feature-layout.ts, plus optional pruning: features seen in fewer than `minCount`
// training examples can be given no row (such a row mostly memorises its one sentence; dropping
// them halves a large model, its load time and its memory). Rows keep the featurizers' order.
import { z } from 'zod';
import type { Message } from '../../../component.js';
import { decodeInt32, encodeArray } from '../codec.js';
import { FeatureLayout, type SparseVector } from '../../feature-layout.js';

export const rowLayoutSchema = z.object({
  sets: z.array(z.object({ key: z.string(), offset: z.number().int().min(0), size: z.number().int().min(0) })),
  /** base64 int32: the feature (set offset + index) of each row, in row order */
  features: z.string(),
  rows: z.number().int().min(0),
});
export type RowLayoutData = z.infer<typeof rowLayoutSchema>;

interface LayoutSet { key: string; offset: number; size: number }

export class RowLayout {
  /** feature (set offset + index) → row, or -1 */
  private readonly rowOf: Int32Array;
  private readonly indices: number[] = [];
  private readonly values: number[] = [];

  private constructor(private readonly sets: readonly LayoutSet[], private readonly features: Int32Array) {
    const total = sets.reduce((n, s) => n + s.size, 0);
    this.rowOf = new Int32Array(total).fill(-1);
    features.forEach((f, r) => { this.rowOf[f] = r; });
  }

  static fromData(d: RowLayoutData): RowLayout {
    return new RowLayout(d.sets, decodeInt32(d.features, d.rows, 'DIET feature rows'));
  }

  toData(): RowLayoutData {
    return { sets: this.sets.map((s) => ({ ...s })), features: encodeArray(this.features), rows: this.features.length };
  }

  static fromMessages(messages: readonly Message[], minCount: number): RowLayout {
    const { sets, size } = FeatureLayout.fromMessages(messages).data;
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

  vectorize(msg: Message): SparseVector {
    const { indices, values, rowOf } = this;
    indices.length = 0;
    values.length = 0;
    for (const set of this.sets) {
      const features = msg.sparse.get(set.key);
      if (!features || features.size === 0) continue;
      const first = indices.length;
      let norm = 0;
      for (const [i, v] of features) {
        const row = i < set.size ? (rowOf[set.offset + i] as number) : -1;
        if (row < 0 || v === 0) continue;
        indices.push(row);
        values.push(v);
        norm += v * v;
      }
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = first; k < values.length; k++) values[k] = (values[k] as number) * scale;
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }
}
