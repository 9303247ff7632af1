// The pipeline used when config.yml has none: segmenter by language, word + character n-grams,
// our classifier, regex/lookup entities, synonyms, fallback.
import type { ComponentConfig } from '../../core/index.js';
import { isChineseLanguage } from '../util/language.js';

export const defaultTokenizerName = (language: string): 'JiebaTokenizer' | 'WhitespaceTokenizer' =>
  isChineseLanguage(language) ? 'JiebaTokenizer' : 'WhitespaceTokenizer';

/**
 * The character n-gram featurizer. In Chinese its n-grams run over the text, across jieba's word
 * boundaries (a guess that is often wrong on names): on val, CAIS intent +1 to +3 examples of 994
 * at three seeds, SMP2017 cross-validation +0.4 / +0.6 points, and order-zh's 3-fold
 * cross-validation 67.1 → 70.9 % (bench/results/nlu-experiments.md, stop 28). Dropping the n-grams
 * seen once (min_df 2) halves a large set's model but cost the small bot 2.7 of those points.
 */
export function defaultCharFeaturizer(language: string): ComponentConfig {
  const chars: ComponentConfig = { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 4 };
  return isChineseLanguage(language) ? { ...chars, char_units: 'text' } : chars;
}

export function defaultPipeline(language: string): ComponentConfig[] {
  return [
    { name: defaultTokenizerName(language) },
    { name: 'CountVectorsFeaturizer', min_ngram: 1, max_ngram: 2 },
    defaultCharFeaturizer(language),
    { name: 'DIETClassifier' },
    { name: 'RegexEntityExtractor' },
    { name: 'EntitySynonymMapper' },
    { name: 'FallbackClassifier' },
  ];
}
