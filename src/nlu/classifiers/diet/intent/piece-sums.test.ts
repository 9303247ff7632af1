import { describe, expect, it } from 'vitest';
import { extractTerms, type NgramOptions } from '../../../featurizers/ngrams.js';
import { TermTable } from '../../../featurizers/term-table.js';
import { buildVocabulary } from '../../../featurizers/vocabulary.js';
import { createMessage } from '../../../pipeline/message.js';
import { MlpModel } from './mlp-model.js';
import { PieceSums } from './piece-sums.js';
import { QuantizedMlp } from './quantized-mlp.js';
import { RowLayout } from './row-layout.js';

const CHARS: NgramOptions = { analyzer: 'char_wb', minN: 1, maxN: 4 };
const WORDS: NgramOptions = { analyzer: 'word', minN: 1, maxN: 2 };
const TRAIN = [['book', 'a', 'table', 'for', 'two'], ['play', 'the', 'song', 'banana'], ['rate', 'this', 'book', 'five', 'stars'], ['北京', '天气', '怎么样']];
// repeated words, a repeated n-gram inside a word (banana), unseen words and n-grams, one word alone, none
const PARSE = [['book', 'a', 'table', 'for', 'for', 'two'], ['banana', 'banana', 'split'], ['qqq', 'zz'], ['北京', '明天', '天气'], ['a'], []];

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff - 0.5;
  };
}

/** A message as the two featurizers would leave it: word n-grams as plain counts, char_wb with its pieces. */
function featurize(words: string[], tables: { words: TermTable; chars: TermTable }): ReturnType<typeof createMessage> {
  const m = createMessage(words.join(' '));
  const w = tables.words.count(words, WORDS);
  const c = tables.chars.count(words, CHARS);
  if (w) m.sparse.set('a-words', w);
  if (c) m.sparse.set('b-chars', c);
  return m;
}

describe('PieceSums', () => {
  const vocab = (opts: NgramOptions): string[] => buildVocabulary(TRAIN.map((w) => extractTerms(w, opts)), { minDf: 1, maxDf: 1, maxFeatures: null, stopWords: new Set() });
  const tables = { words: new TermTable(vocab(WORDS)), chars: new TermTable(vocab(CHARS)) };
  // min count 2: some n-grams have no row, and must be left out of a word's sum as of the norm
  const layout = RowLayout.fromMessages(TRAIN.map((w) => featurize(w, tables)), 2);

  for (const [hidden, bits] of [[32, 8], [32, 4], [0, 8]] as const) {
    it(`gives the logits of the message's own rows, word sums kept or not (hidden ${hidden}, ${bits} bits)`, () => {
      const labels = ['a', 'b', 'c'];
      const width = hidden > 0 ? hidden : labels.length;
      const rnd = seeded(7 + hidden + bits);
      const fill = (n: number): Float32Array => Float32Array.from({ length: n }, rnd);
      const model = QuantizedMlp.fromData(new MlpModel(labels, layout.size, hidden, { w1: fill(layout.size * width), b1: fill(hidden), w2: fill(hidden * labels.length), b2: fill(labels.length) }).toData(bits));
      const sums = new PieceSums(layout, model);
      // JavaScript's adds, and sums dropped every few words (three kept, so three words a call)
      const others = [new PieceSums(layout, model, { simd: false }), new PieceSums(layout, model, { capacity: 3 }), new PieceSums(layout, model, { simd: false, capacity: 3 })];
      const scratch = new Float64Array(Math.max(1, hidden));
      let byPieces = 0;
      // twice: the second pass reads every word's sum from what the first kept
      for (let pass = 0; pass < 2; pass++) {
        for (const words of PARSE) {
          const m = featurize(words, tables);
          expect(m.sparse.get('b-chars')?.pieces?.words).toEqual(words);
          const rows = Array.from(model.logits(layout.vectorizeTransient(m), new Float64Array(labels.length), scratch));
          const { x, piecewise } = layout.vectorizePiecewise(m);
          byPieces += piecewise.length;
          const pieces = Array.from(model.logits(x, new Float64Array(labels.length), scratch, (s) => sums.add(s, piecewise)));
          pieces.forEach((v, j) => expect(v).toBeCloseTo(rows[j] as number, 5));
          // the same bits every way
          for (const other of others) expect(Array.from(model.logits(x, new Float64Array(labels.length), scratch, (s) => other.add(s, piecewise)))).toEqual(pieces);
        }
      }
      // some messages went by pieces, the others (few terms per word) by rows
      expect(byPieces).toBeGreaterThanOrEqual(4);
      expect(byPieces).toBeLessThan(2 * PARSE.length);
      // the char_wb set (the second, by key) goes by pieces; the word set stays rows; nothing for no words
      expect(layout.vectorizePiecewise(featurize(['book', 'a'], tables)).piecewise.map((p) => p.set)).toEqual([1]);
      expect(layout.vectorizePiecewise(featurize([], tables)).piecewise).toEqual([]);
    });
  }

  it('are not offered where the featurizer counts a term once however often it occurs (binary)', () => {
    expect(tables.chars.count(['book', 'book'], CHARS, true)?.pieces).toBeUndefined();
    expect(tables.words.count(['book', 'book'], WORDS)?.pieces).toBeUndefined();
    const pieces = tables.chars.count(['book', 'for', 'book'], CHARS)?.pieces;
    expect(pieces?.words).toEqual(['book', 'for', 'book']);
    // each word's terms, once per occurrence: all of them together are the message's counts
    const tally = new Map<number, number>();
    for (const terms of pieces?.terms ?? []) for (const t of terms) tally.set(t, (tally.get(t) ?? 0) + 1);
    expect(new Map([...(tables.chars.count(['book', 'for', 'book'], CHARS) ?? [])])).toEqual(tally);
  });
});
