// The pipeline used when config.yml has none: segmenter by language, word + character n-grams,
// our classifier, regex/lookup entities, synonyms, fallback.
import type { ComponentConfig } from '../../core/index.js';
import { isChineseLanguage } from '../util/language.js';

export const defaultTokenizerName = (language: string): 'JiebaTokenizer' | 'WhitespaceTokenizer' =>
  isChineseLanguage(language) ? 'JiebaTokenizer' : 'WhitespaceTokenizer';

export function defaultPipeline(language: string): ComponentConfig[] {
  return [
    { name: defaultTokenizerName(language) },
    { name: 'CountVectorsFeaturizer', min_ngram: 1, max_ngram: 2 },
    { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 4 },
    { name: 'DIETClassifier' },
    { name: 'RegexEntityExtractor' },
    { name: 'EntitySynonymMapper' },
    { name: 'FallbackClassifier' },
  ];
}
