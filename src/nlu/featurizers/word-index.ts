// Word → row for a word vectors table, held in three typed arrays: the words' UTF-16 code units one
// after another, where each word starts, and an open-addressing table of rows by FNV-1a hash. A
// vectors cache then loads as three array reads: 341k strings and a Map built from them took ~650 ms
// of the 1.2 s it took to load wink's vectors, and ~70 MB of heap.
import { FNV_OFFSET, fnvContinue, spreadHash as spread } from '../util/stable-hash.js';

export class WordIndex {
  private readonly mask: number;

  /**
   * `chars`: every word's code units in row order; `starts[r]`..`starts[r + 1]`: row r's; `slots`: a
   * power-of-two table of row + 1 (0 empty), each word at its hash's slot or the next free one.
   */
  private constructor(readonly chars: Uint16Array, readonly starts: Uint32Array, readonly slots: Int32Array) {
    this.mask = slots.length - 1;
  }

  /** Row r is words[r]; of a word given twice, the later row is found (as with a Map). */
  static build(words: readonly string[]): WordIndex {
    let total = 0;
    for (const w of words) total += w.length;
    const chars = new Uint16Array(total);
    const starts = new Uint32Array(words.length + 1);
    let at = 0;
    words.forEach((w, r) => {
      starts[r] = at;
      for (let k = 0; k < w.length; k++) chars[at++] = w.charCodeAt(k);
    });
    starts[words.length] = at;
    let capacity = 16;
    while (capacity < words.length * 2) capacity *= 2;
    const index = new WordIndex(chars, starts, new Int32Array(capacity));
    words.forEach((w, r) => index.insert(w, r));
    return index;
  }

  /** From the arrays of another index (a cache file); undefined when they do not fit together. */
  static fromArrays(chars: Uint16Array, starts: Uint32Array, slots: Int32Array): WordIndex | undefined {
    const rows = starts.length - 1;
    if (rows < 0 || slots.length < 16 || (slots.length & (slots.length - 1)) !== 0 || starts[rows] !== chars.length) return undefined;
    for (let r = 0; r < rows; r++) if ((starts[r] as number) > (starts[r + 1] as number)) return undefined;
    // a table with no empty slot would make rowOf() of an absent word probe forever
    let used = 0;
    for (const s of slots) {
      if (s < 0 || s > rows) return undefined;
      if (s !== 0) used++;
    }
    if (used > rows || used === slots.length) return undefined;
    return new WordIndex(chars, starts, slots);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** The word of a row. */
  word(row: number): string {
    return String.fromCharCode(...this.chars.subarray(this.starts[row], this.starts[row + 1]));
  }

  /** The row of `word`, or -1. */
  rowOf(word: string): number {
    const slots = this.slots;
    for (let i = spread(fnvContinue(FNV_OFFSET, word)) & this.mask; ; i = (i + 1) & this.mask) {
      const s = slots[i] as number;
      if (s === 0) return -1;
      if (this.spells(s - 1, word)) return s - 1;
    }
  }

  private spells(row: number, word: string): boolean {
    const from = this.starts[row] as number;
    if ((this.starts[row + 1] as number) - from !== word.length) return false;
    const chars = this.chars;
    for (let k = 0; k < word.length; k++) if (chars[from + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  private insert(word: string, row: number): void {
    const slots = this.slots;
    let i = spread(fnvContinue(FNV_OFFSET, word)) & this.mask;
    while (slots[i] !== 0 && !this.spells((slots[i] as number) - 1, word)) i = (i + 1) & this.mask;
    slots[i] = row + 1;
  }
}
