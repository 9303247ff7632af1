// int32 key → row lookup by open addressing on a typed array. The CRF looks up every feature hash of
// every unit of every parse; a Map<number, number> of ~50k entries cost ~0.1 ms per parse and
// ~100 ms to build when a model loads. Key and row share one array (slot s at 2s, 2s + 1) so a probe
// touches one cache line, not two: most lookups miss the cache, and many find no key at all.
export class HashIndex {
  /** [key, row + 1] pairs; row + 1 = 0 marks an empty slot */
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(keys: Int32Array) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    for (let r = 0; r < keys.length; r++) this.insert(keys[r] as number, r);
  }

  private static spread(key: number): number {
    return Math.imul(key, 0x9e3779b1) ^ (key >>> 15);
  }

  private insert(key: number, row: number): void {
    const table = this.table;
    let i = HashIndex.spread(key) & this.mask;
    while (table[2 * i + 1] !== 0) {
      if (table[2 * i] === key) break; // a repeated key: the later row wins, as with Map.set
      i = (i + 1) & this.mask;
    }
    table[2 * i] = key;
    table[2 * i + 1] = row + 1;
  }

  /** The row of `key`, or -1. */
  get(key: number): number {
    const table = this.table;
    let i = HashIndex.spread(key) & this.mask;
    for (;;) {
      const s = table[2 * i + 1] as number;
      if (s === 0) return -1;
      if (table[2 * i] === key) return s - 1;
      i = (i + 1) & this.mask;
    }
  }
}
