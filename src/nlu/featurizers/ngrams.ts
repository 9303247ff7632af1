// Term extraction for CountVectorsFeaturizer: word n-grams, char n-grams, char n-grams within words.

export type Analyzer = 'word' | 'char' | 'char_wb';

export interface NgramOptions { analyzer: Analyzer; minN: number; maxN: number }

function wordNgrams(words: readonly string[], minN: number, maxN: number, out: string[]): void {
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= words.length; i++) out.push(n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' '));
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;
const NON_SPACE = /\S/;

function charNgrams(text: string, minN: number, maxN: number, out: string[]): void {
  // code points, so a surrogate pair is one character; most text has none, and then substrings do
  const chars = SURROGATE.test(text) ? Array.from(text) : undefined;
  const length = chars ? chars.length : text.length;
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= length; i++) {
      const gram = chars ? chars.slice(i, i + n).join('') : text.substring(i, i + n);
      if (NON_SPACE.test(gram)) out.push(gram);
    }
  }
}

/** The terms of one message; `words` are the (normalised) token texts. */
export function extractTerms(words: readonly string[], opts: NgramOptions): string[] {
  const out: string[] = [];
  if (opts.analyzer === 'word') wordNgrams(words, opts.minN, opts.maxN, out);
  else if (opts.analyzer === 'char') charNgrams(words.join(' '), opts.minN, opts.maxN, out);
  else for (const w of words) charNgrams(` ${w} `, opts.minN, opts.maxN, out);
  return out;
}
