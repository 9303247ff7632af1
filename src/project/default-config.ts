// Rasa 3.6's default config (rasa-compat §5.6), used when config.yml omits pipeline or policies.
import type { ComponentConfig } from '../core/index.js';

export const DEFAULT_PIPELINE: readonly ComponentConfig[] = [
  { name: 'WhitespaceTokenizer' },
  { name: 'RegexFeaturizer' },
  { name: 'LexicalSyntacticFeaturizer' },
  { name: 'CountVectorsFeaturizer' },
  { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 4 },
  { name: 'DIETClassifier', epochs: 100, constrain_similarities: true },
  { name: 'EntitySynonymMapper' },
  { name: 'ResponseSelector', epochs: 100, constrain_similarities: true },
  { name: 'FallbackClassifier', threshold: 0.3, ambiguity_threshold: 0.1 },
];

export const DEFAULT_POLICIES: readonly ComponentConfig[] = [
  { name: 'MemoizationPolicy' },
  { name: 'RulePolicy' },
  { name: 'UnexpecTEDIntentPolicy', max_history: 5, epochs: 100 },
  { name: 'TEDPolicy', max_history: 5, epochs: 100, constrain_similarities: true },
];

export const DEFAULT_LANGUAGE = 'en';

export const copyComponents = (list: readonly ComponentConfig[]): ComponentConfig[] => list.map((c) => ({ ...c }));
