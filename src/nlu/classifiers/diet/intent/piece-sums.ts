// The intent network's input sums of one word's character n-grams, kept per word. char_wb n-grams
// never cross a word boundary, so a message's char_wb rows are its words' rows together, and the
// input layer is linear up to the set's normalising scale: the sum of a word's rows (a few dozen
// n-grams) can be computed once and added as one vector wherever the word comes again. Most words
// of a message were seen in earlier ones, and a parse then reads one vector per word instead of
// every n-gram's row. The sums are those of the rows in another order: float32 rounding differs.
import type { QuantizedMlp } from './quantized-mlp.js';
import type { PiecewiseSet, RowLayout } from './row-layout.js';

/** words kept per set (a vector of the input layer's width each: 1 KB at 256 units); emptied when full */
const WORDS_KEPT = 8192;

export class PieceSums {
  private readonly kept: Map<string, Float32Array>[] = [];
  // scratch: a word's rows, each once per occurrence of its term
  private rows = new Int32Array(64);
  private ones = new Float32Array(64).fill(1);

  constructor(private readonly layout: RowLayout, private readonly model: QuantizedMlp) {}

  /** sums[0, width) += set.scale · (the rows of every term of every word of the set) */
  add(sums: Float32Array, set: PiecewiseSet): void {
    let kept = this.kept[set.set];
    if (kept === undefined) {
      kept = new Map();
      this.kept[set.set] = kept;
    }
    const { words, terms } = set.pieces;
    const width = this.model.width;
    const scale = set.scale;
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as string;
      let v = kept.get(word);
      if (v === undefined) {
        v = this.wordSum(terms[w] as Int32Array, set);
        if (kept.size >= WORDS_KEPT) kept.clear();
        kept.set(word, v);
      }
      for (let j = 0; j < width; j++) sums[j] = (sums[j] as number) + scale * (v[j] as number);
    }
  }

  private wordSum(terms: Int32Array, set: PiecewiseSet): Float32Array {
    if (this.rows.length < terms.length) {
      this.rows = new Int32Array(2 * terms.length);
      this.ones = new Float32Array(2 * terms.length).fill(1);
    }
    let n = 0;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k] as number;
      const row = t < set.size ? this.layout.rowOf(set.offset + t) : -1;
      if (row >= 0) this.rows[n++] = row;
    }
    const v = new Float32Array(this.model.width);
    this.model.addRows(v, this.rows.subarray(0, n), this.ones.subarray(0, n));
    return v;
  }
}
