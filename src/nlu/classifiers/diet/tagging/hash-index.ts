// int32 key → row lookup by open addressing on typed arrays. The CRF looks up every feature hash of
// every unit of every parse; a Map<number, number> of ~50k entries cost ~0.1 ms per parse and
// ~100 ms to build when a model loads.
export class HashIndex {
  private readonly keys: Int32Array;
  /** row + 1; 0 = empty slot */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(keys: Int32Array) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let r = 0; r < keys.length; r++) this.insert(keys[r] as number, r);
  }

  private static spread(key: number): number {
    return Math.imul(key, 0x9e3779b1) ^ (key >>> 15);
  }

  private insert(key: number, row: number): void {
    let i = HashIndex.spread(key) & this.mask;
    while (this.slots[i] !== 0) {
      if (this.keys[i] === key) break; // a repeated key: the later row wins, as with Map.set
      i = (i + 1) & this.mask;
    }
    this.keys[i] = key;
    this.slots[i] = row + 1;
  }

  /** The row of `key`, or -1. */
  get(key: number): number {
    let i = HashIndex.spread(key) & this.mask;
    for (;;) {
      const s = this.slots[i] as number;
      if (s === 0) return -1;
      if (this.keys[i] === key) return s - 1;
      i = (i + 1) & this.mask;
    }
  }
}
