// Which strings are a prefix of one of a set of values, and which are a value, by FNV-1a hash: a
// caller extends a hash over a whole piece of text (a unit) and probes once, where a character
// trie took one probe per character. Each probe of a large table is a cache miss, so the gazetteer
// search pays per unit, not per character. A hash may stand for several strings: a value found by
// hash is confirmed by comparing its text.

import { FNV_OFFSET, fnvContinue, spreadHash as spread } from '../../../util/stable-hash.js';

/** Slot codes: 0 empty, 1 a prefix of some value (and no value itself), 2 + v value v. */
const EMPTY = 0;
const PREFIX = 1;

/** probe(): no value starts with a string of this hash */
export const NO_PREFIX = 0;
/** probe(): some value starts with it, none equals it */
export const PREFIX_ONLY = 1;
/** probe(): some value starts with it, and one may equal it (valueOf() tells) */
export const MAYBE_VALUE = 2;

export class PrefixHashIndex {
  /** [hash, code] pairs */
  private readonly table: Int32Array;
  private readonly mask: number;

  /** `values[v]` is value v; the empty string is no value (callers skip it). */
  constructor(private readonly values: readonly string[]) {
    let prefixes = 0;
    for (const v of values) prefixes += v.length;
    let capacity = 16;
    while (capacity < 2 * prefixes) capacity *= 2;
    const big = new Int32Array(2 * capacity);
    let used = 0;
    values.forEach((v, index) => {
      let h = FNV_OFFSET;
      for (let k = 0; k < v.length; k++) {
        h = fnvContinue(h, v, k, k + 1);
        if (PrefixHashIndex.insert(big, capacity - 1, h, k === v.length - 1 ? 2 + index : PREFIX)) used++;
      }
    });
    // most prefixes are shared: move the slots into a table sized for those in use
    capacity = 16;
    while (capacity < 2 * used) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < big.length; s += 2) {
      if (big[s + 1] === EMPTY) continue;
      let i = spread(big[s] as number) & this.mask;
      while (this.table[2 * i + 1] !== EMPTY) i = (i + 1) & this.mask;
      this.table[2 * i] = big[s] as number;
      this.table[2 * i + 1] = big[s + 1] as number;
    }
  }

  /** Records a prefix (PREFIX) or a value (2 + v) under hash h; returns whether it took a new slot. */
  private static insert(table: Int32Array, mask: number, h: number, code: number): boolean {
    let i = spread(h) & mask;
    for (;;) {
      const c = table[2 * i + 1] as number;
      if (c === EMPTY) {
        table[2 * i] = h;
        table[2 * i + 1] = code;
        return true;
      }
      if (table[2 * i] === h) {
        // a value is also a prefix: a prefix needs no slot of its own next to one
        if (code === PREFIX) return false;
        if (c === PREFIX) {
          table[2 * i + 1] = code;
          return false;
        }
        // another value with the same hash: keep looking for a slot
      }
      i = (i + 1) & mask;
    }
  }

  /** Whether some value starts with a string of hash h, and whether one may equal it. */
  probe(h: number): number {
    const table = this.table;
    let i = spread(h) & this.mask;
    let found = NO_PREFIX;
    for (;;) {
      const c = table[2 * i + 1] as number;
      if (c === EMPTY) return found;
      if (table[2 * i] === h) {
        if (c !== PREFIX) return MAYBE_VALUE;
        found = PREFIX_ONLY;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** The index of the value s (of hash h), or -1. */
  valueOf(h: number, s: string): number {
    const table = this.table;
    let i = spread(h) & this.mask;
    for (;;) {
      const c = table[2 * i + 1] as number;
      if (c === EMPTY) return -1;
      if (table[2 * i] === h && c !== PREFIX && this.values[c - 2] === s) return c - 2;
      i = (i + 1) & this.mask;
    }
  }
}
