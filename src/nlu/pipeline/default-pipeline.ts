// The pipeline used when config.yml has none: segmenter by language, word + character n-grams,
// our classifier, regex/lookup entities, synonyms, fallback.
import type { ComponentConfig } from '../../core/index.js';
import { isChineseLanguage } from '../util/language.js';

export const defaultTokenizerName = (language: string): 'JiebaTokenizer' | 'WhitespaceTokenizer' =>
  isChineseLanguage(language) ? 'JiebaTokenizer' : 'WhitespaceTokenizer';

/**
 * The character n-gram featurizer. In Chinese its n-grams run over the text, across jieba's word
 * boundaries (a guess that is often wrong on names), and those seen once in training are dropped:
 * on val, CAIS intent +1 to +2 examples of 994 at three seeds and SMP2017 cross-validation +0.45 /
 * +0.70 points, from a smaller model (bench/results/nlu-experiments.md, stop 28).
 */
export function defaultCharFeaturizer(language: string): ComponentConfig {
  const chars: ComponentConfig = { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 4 };
  return isChineseLanguage(language) ? { ...chars, char_units: 'text', min_df: 2 } : chars;
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
