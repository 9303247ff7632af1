// Lays the featurizers' named sparse sets side by side as one sparse vector for a classifier.
// Each set is L2-normalised on its own so a set with many n-grams does not drown the others.
import { z } from 'zod';
import type { Message } from '../component.js';

export interface SparseVector { indices: Int32Array; values: Float32Array }

export interface FeatureLayoutData { sets: { key: string; offset: number; size: number }[]; size: number }

export const featureLayoutSchema = z.object({
  sets: z.array(z.object({ key: z.string(), offset: z.number().int().min(0), size: z.number().int().min(0) })),
  size: z.number().int().min(0),
});

export class FeatureLayout {
  private constructor(readonly data: FeatureLayoutData) {}

  static fromData(data: FeatureLayoutData): FeatureLayout {
    return new FeatureLayout(data);
  }

  /** Set sizes are the largest index seen in training + 1; indices beyond are ignored when parsing. */
  static fromMessages(messages: readonly Message[]): FeatureLayout {
    const sizes = new Map<string, number>();
    for (const m of messages) {
      for (const [key, features] of m.sparse) {
        let max = sizes.get(key) ?? 0;
        for (const i of features.keys()) if (i + 1 > max) max = i + 1;
        sizes.set(key, max);
      }
    }
    let offset = 0;
    const sets = [...sizes.keys()].sort().map((key) => {
      const size = sizes.get(key) ?? 0;
      const set = { key, offset, size };
      offset += size;
      return set;
    });
    return new FeatureLayout({ sets, size: offset });
  }

  get size(): number {
    return this.data.size;
  }

  vectorize(msg: Message): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    for (const set of this.data.sets) {
      const features = msg.sparse.get(set.key);
      if (!features || features.size === 0) continue;
      // forEach, not for…of: a set's iterator makes an array per feature (half of a parse's
      // ResponseSelector time went there)
      let norm = 0;
      features.forEach((v, i) => { if (i < set.size) norm += v * v; });
      if (norm === 0) continue;
      const scale = 1 / Math.sqrt(norm);
      features.forEach((v, i) => {
        if (i >= set.size) return;
        indices.push(set.offset + i);
        values.push(v * scale);
      });
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }
}
