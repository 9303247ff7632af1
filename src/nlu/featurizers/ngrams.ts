// Term extraction for CountVectorsFeaturizer: word n-grams, char n-grams, char n-grams within words.

export type Analyzer = 'word' | 'char' | 'char_wb';

export interface NgramOptions { analyzer: Analyzer; minN: number; maxN: number }

function wordNgrams(words: readonly string[], minN: number, maxN: number, out: string[]): void {
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= words.length; i++) out.push(n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' '));
  }
}

function charNgrams(text: string, minN: number, maxN: number, out: string[]): void {
  const chars = Array.from(text); // code points, so a surrogate pair is one character
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join('');
      if (gram.trim().length > 0) out.push(gram);
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
