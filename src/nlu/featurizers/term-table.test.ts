import { describe, expect, it } from 'vitest';
import { extractTerms, type NgramOptions } from './ngrams.js';
import { TermTable } from './term-table.js';
import { buildVocabulary, countTerms } from './vocabulary.js';

const TRAIN = [['book', 'a', 'table', 'for', 'two'], ['play', 'the', 'song', 'for', 'me'], ['rate', 'this', 'book', '5', 'stars'], ['北京', '天气', '怎么样']];
const PARSE = [['book', 'a', 'table', 'for', 'me', 'me', 'for', 'two'], ['play', 'play', 'unknown', 'for'], ['北京', '明天', '天气'], [], ['a']];

/** The reference: the string n-grams counted against a Map, as before the table existed. */
function reference(vocabulary: string[], words: string[], opts: NgramOptions): [number, number][] {
  return [...countTerms(extractTerms(words, opts), new Map(vocabulary.map((t, i) => [t, i])))];
}

describe('TermTable', () => {
  const cases: NgramOptions[] = [
    { analyzer: 'word', minN: 1, maxN: 1 }, { analyzer: 'word', minN: 1, maxN: 2 }, { analyzer: 'word', minN: 2, maxN: 2 },
    { analyzer: 'char_wb', minN: 1, maxN: 4 }, { analyzer: 'char_wb', minN: 2, maxN: 3 },
  ];
  for (const opts of cases) {
    it(`counts ${opts.analyzer} ${opts.minN}-${opts.maxN} grams as countTerms(extractTerms(…)) does, in the same order`, () => {
      const vocabulary = buildVocabulary(TRAIN.map((w) => extractTerms(w, opts)), { minDf: 1, maxDf: 1, maxFeatures: null, stopWords: new Set() });
      const table = new TermTable(vocabulary);
      for (const words of PARSE) {
        const counts = table.count(words, opts);
        expect(counts && [...counts]).toEqual(reference(vocabulary, words, opts));
      }
      // repeated terms count more than once, and a call leaves nothing behind for the next
      expect(table.count(['for', 'for', 'for'], opts)?.get(vocabulary.indexOf(opts.analyzer === 'word' ? 'for' : 'f'))).toBe(opts.minN === 1 ? 3 : undefined);
      expect([...(table.count(['two'], opts) ?? [])]).toEqual(reference(vocabulary, ['two'], opts));
    });
  }

  it('counts char_wb words it has seen as before, across n-gram ranges and after its word cache empties', () => {
    const wide: NgramOptions = { analyzer: 'char_wb', minN: 1, maxN: 4 };
    const narrow: NgramOptions = { analyzer: 'char_wb', minN: 2, maxN: 3 };
    const vocabulary = buildVocabulary(TRAIN.map((w) => extractTerms(w, wide)), { minDf: 1, maxDf: 1, maxFeatures: null, stopWords: new Set() });
    const table = new TermTable(vocabulary);
    for (const opts of [wide, narrow, wide]) {
      for (const words of [...PARSE, ...PARSE]) expect([...(table.count(words, opts) ?? [])]).toEqual(reference(vocabulary, words, opts));
    }
    // more distinct words than the cache keeps
    for (let i = 0; i < 20_050; i++) table.count([`x${i}`], wide);
    for (const words of PARSE) expect([...(table.count(words, wide) ?? [])]).toEqual(reference(vocabulary, words, wide));
  });

  it('counts word n-grams of words it has seen as before, and after its word cache empties', () => {
    const opts: NgramOptions = { analyzer: 'word', minN: 1, maxN: 2 };
    const vocabulary = buildVocabulary(TRAIN.map((w) => extractTerms(w, opts)), { minDf: 1, maxDf: 1, maxFeatures: null, stopWords: new Set() });
    const table = new TermTable(vocabulary);
    for (const words of [...PARSE, ...PARSE]) expect([...(table.count(words, opts) ?? [])]).toEqual(reference(vocabulary, words, opts));
    for (let i = 0; i < 20_050; i++) table.count([`x${i}`, 'for'], opts);
    for (const words of PARSE) expect([...(table.count(words, opts) ?? [])]).toEqual(reference(vocabulary, words, opts));
  });

  it('leaves what it does not handle to the string path (astral characters, char analyzer, word trigrams)', () => {
    const table = new TermTable(['a', 'b']);
    expect(table.count(['a😀'], { analyzer: 'char_wb', minN: 1, maxN: 2 })).toBeUndefined();
    expect(table.count(['a'], { analyzer: 'char', minN: 1, maxN: 2 })).toBeUndefined();
    expect(table.count(['a'], { analyzer: 'word', minN: 1, maxN: 3 })).toBeUndefined();
    expect([...(table.count(['a😀'], { analyzer: 'word', minN: 1, maxN: 1 }) ?? [])]).toEqual([]);
  });

  it('counts what the word analyzer gets from a tokenizer, whatever the token (a lone space included)', () => {
    const opts: NgramOptions = { analyzer: 'word', minN: 1, maxN: 2 };
    const vocabulary = buildVocabulary([extractTerms(['a', ' ', 'b'], opts)], { minDf: 1, maxDf: 1, maxFeatures: null, stopWords: new Set() });
    expect([...(new TermTable(vocabulary).count([' ', 'b', 'a', ' '], opts) ?? [])]).toEqual(reference(vocabulary, [' ', 'b', 'a', ' '], opts));
  });

  it('finds every term of a large vocabulary, where many share probe chains, and nothing else', () => {
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const table = new TermTable(vocabulary);
    const words = ['w0', 'w4999', 'w123', 'w5000', 'w12'];
    expect([...(table.count(words, { analyzer: 'word', minN: 1, maxN: 1 }) ?? [])]).toEqual([[0, 1], [4999, 1], [123, 1], [12, 1]]);
  });
});
