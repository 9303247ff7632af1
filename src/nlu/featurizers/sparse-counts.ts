// A featurizer's counts as two arrays in the order the terms were first found: what the intent
// classifiers read (size, forEach, iteration), without the hashing and allocation of a Map.
import type { SparseFeatures, SparsePieces } from '../component.js';

export class SparseCounts implements SparseFeatures {
  /** `indices[k]` has value `values[k]`; no index twice */
  constructor(private readonly indices: readonly number[], private readonly values: readonly number[], readonly pieces?: SparsePieces) {}

  get size(): number {
    return this.indices.length;
  }

  /** A linear search: parsing reads the sets in order, only tests and tools look up one index. */
  get(index: number): number | undefined {
    const k = this.indices.indexOf(index);
    return k < 0 ? undefined : this.values[k];
  }

  keys(): Iterable<number> {
    return this.indices;
  }

  forEach(fn: (value: number, index: number) => void): void {
    for (let k = 0; k < this.indices.length; k++) fn(this.values[k] as number, this.indices[k] as number);
  }

  *[Symbol.iterator](): Iterator<[number, number]> {
    for (let k = 0; k < this.indices.length; k++) yield [this.indices[k] as number, this.values[k] as number];
  }
}
