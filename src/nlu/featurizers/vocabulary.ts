// Building a term vocabulary with document-frequency limits, deterministically (sorted terms),
// and counting a message's terms against it.
import { z } from 'zod';

export interface VocabularyLimits {
  /** int ≥ 1: minimum number of documents; float < 1: minimum fraction of documents */
  minDf: number;
  maxDf: number;
  maxFeatures: number | null;
  stopWords: ReadonlySet<string>;
}

function documentFrequencies(documents: readonly string[][], stopWords: ReadonlySet<string>): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of documents) {
    for (const term of new Set(terms)) if (!stopWords.has(term)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return df;
}

const asCount = (limit: number, docs: number): number => (Number.isInteger(limit) && limit >= 1 ? limit : limit * docs);

export function buildVocabulary(documents: readonly string[][], limits: VocabularyLimits): string[] {
  const df = documentFrequencies(documents, limits.stopWords);
  const min = asCount(limits.minDf, documents.length);
  const max = limits.maxDf === 1 ? Infinity : asCount(limits.maxDf, documents.length);
  let terms = [...df].filter(([, n]) => n >= min && n <= max);
  if (limits.maxFeatures !== null && terms.length > limits.maxFeatures) {
    terms = terms.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limits.maxFeatures);
  }
  return terms.map(([t]) => t).sort();
}

/** Sparse counts of the terms that are in the vocabulary (index → count). */
export function countTerms(terms: Iterable<string>, index: ReadonlyMap<string, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const i = index.get(term);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
}

export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((t) => typeof t === 'string');

/**
 * The persisted state of a vocabulary-based featurizer. One `every` over the list instead of
 * z.array(z.string()): for SNIPS' 47k terms, 7–16 ms of CPU in a fresh process became ~3.5 ms.
 */
export const vocabularyStateSchema = z.object({
  vocabulary: z.custom<string[]>(isStringList, { message: 'vocabulary must be a list of strings' }),
});
