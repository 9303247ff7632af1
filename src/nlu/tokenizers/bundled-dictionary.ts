// jieba's bundled 349k-word dictionary, and the part of it a model needs. Building the whole
// dictionary costs every Chinese model load about 300 ms; the words that occur in the training texts
// (a few thousand) build in a few milliseconds. A model trained with the reduced dictionary segments
// its training texts exactly as with the whole one: the dropped words' frequency mass stays in the
// dictionary under a word no text can contain, so every kept word keeps its probability
// (freq / total), and jieba's choice among the kept words is unchanged. Only unseen texts holding a
// dropped word segment differently, and such a word had no learned weight anyway.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let bundled: Buffer | undefined;

/** The bundled dictionary file (`word freq tag` lines), read once per process. */
export function bundledDictionary(): Buffer {
  // the file itself: the package's dict.js also reads the 6 MB TF-IDF table we never use
  bundled ??= readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
  return bundled;
}

/** The bundled dictionary's lines, each with its word and frequency (the count jieba segments by). */
function bundledEntries(): { line: string; word: string; freq: number }[] {
  return bundledDictionary().toString('utf8').split('\n').flatMap((line) => {
    const space = line.indexOf(' ');
    return space > 0 ? [{ line, word: line.slice(0, space), freq: Number.parseInt(line.slice(space + 1), 10) || 0 }] : [];
  });
}

/** Each word of the bundled dictionary with its frequency. */
export function bundledWordFrequencies(): Map<string, number> {
  return new Map(bundledEntries().map((e) => [e.word, e.freq]));
}

/** Two private-use characters: no user text holds them, so this entry only carries frequency mass. */
const MASS_WORD = '\uE000\uE001';

/** Every substring of `texts` up to `maxLength` characters. */
function substrings(texts: Iterable<string>, maxLength: number): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const last = Math.min(text.length, i + maxLength);
      for (let j = i + 1; j <= last; j++) out.add(text.slice(i, j));
    }
  }
  return out;
}

/** The longest word of the bundled dictionary (16 characters). */
const LONGEST_WORD = 16;

/**
 * The bundled dictionary lines whose word occurs in `texts` or is among its `common` most frequent
 * words, plus one line holding the frequency of all the others, so the dictionary's total, and with
 * it every kept word's probability, is unchanged.
 */
export function dictionaryLinesFor(texts: Iterable<string>, common = 0): string[] {
  const wanted = substrings(texts, LONGEST_WORD);
  const entries = bundledEntries();
  const frequent = new Set(common > 0 ? [...entries].sort((a, b) => b.freq - a.freq).slice(0, common).map((e) => e.line) : []);
  const kept: string[] = [];
  let droppedMass = 0;
  for (const { line, word, freq } of entries) {
    if (frequent.has(line) || wanted.has(word)) kept.push(line);
    else droppedMass += freq;
  }
  if (droppedMass > 0) kept.push(`${MASS_WORD} ${droppedMass}`);
  return kept;
}
