// int32 key → int32 value (by default the key's index) by open addressing on a typed array. The CRF
// looks up every feature hash of every unit of every parse; a Map<number, number> of ~50k entries
// cost ~0.1 ms per parse and ~100 ms to build when a model loads. Key and value share one array
// (slot s at 2s, 2s + 1) so a probe touches one cache line, not two: most lookups miss the cache,
// and many find no key at all.
import { spreadHash } from '../../../util/stable-hash.js';

export class HashIndex {
  /** [key, value + 1] pairs; value + 1 = 0 marks an empty slot */
  private readonly table: Int32Array;
  private readonly mask: number;

  /** `values[r]` is the value of `keys[r]` (default r); −1 is no value (get() returns it for an absent key). */
  constructor(keys: Int32Array, values?: Int32Array) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    for (let r = 0; r < keys.length; r++) {
      const value = values ? (values[r] as number) : r;
      if (value === -1) throw new RangeError('HashIndex: -1 is no value');
      this.insert(keys[r] as number, value);
    }
  }

  private insert(key: number, value: number): void {
    const table = this.table;
    let i = spreadHash(key) & this.mask;
    while (table[2 * i + 1] !== 0) {
      if (table[2 * i] === key) break; // a repeated key: the later value wins, as with Map.set
      i = (i + 1) & this.mask;
    }
    table[2 * i] = key;
    table[2 * i + 1] = value + 1;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const table = this.table;
    let i = spreadHash(key) & this.mask;
    for (;;) {
      const s = table[2 * i + 1] as number;
      if (s === 0) return -1;
      if (table[2 * i] === key) return s - 1;
      i = (i + 1) & this.mask;
    }
  }
}
