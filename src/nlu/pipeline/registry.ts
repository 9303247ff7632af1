// The explicit registry of pipeline components: config.yml name → { stage, strict options, factory }.
// DIETClassifier builds our joint intent + entity model (classifiers/diet); the other Rasa classifier names map to the softmax classifier.
import { fallbackClassifierSpec } from '../classifiers/fallback-classifier.js';
import { keywordIntentClassifierSpec } from '../classifiers/keyword-intent-classifier.js';
import { dietClassifierSpec } from '../classifiers/diet/diet-classifier.js';
import { responseSelectorSpec } from '../classifiers/response-selector.js';
import { softmaxIntentClassifierSpec } from '../classifiers/softmax-intent-classifier.js';
import { entitySpanExtenderSpec } from '../extractors/entity-span-extender.js';
import { entitySynonymMapperSpec } from '../extractors/entity-synonym-mapper.js';
import { regexEntityExtractorSpec } from '../extractors/regex-entity-extractor.js';
import { entityValueNormalizerSpec } from '../extractors/system/entity-value-normalizer.js';
import { systemEntityExtractorSpec } from '../extractors/system/system-entity-extractor.js';
import { countVectorsFeaturizerSpec } from '../featurizers/count-vectors-featurizer.js';
import { entityGazetteerFeaturizerSpec } from '../featurizers/entity-gazetteer-featurizer.js';
import { lexicalSyntacticFeaturizerSpec } from '../featurizers/lexical-syntactic-featurizer.js';
import { regexFeaturizerSpec } from '../featurizers/regex-featurizer.js';
import { wordVectorFeaturizerSpec } from '../featurizers/word-vector-featurizer.js';
import { jiebaTokenizerSpec } from '../tokenizers/jieba-tokenizer.js';
import { whitespaceTokenizerSpec } from '../tokenizers/whitespace-tokenizer.js';
import type { ComponentSpec } from './component-spec.js';

export const componentRegistry = {
  WhitespaceTokenizer: whitespaceTokenizerSpec,
  JiebaTokenizer: jiebaTokenizerSpec,
  RegexFeaturizer: regexFeaturizerSpec,
  LexicalSyntacticFeaturizer: lexicalSyntacticFeaturizerSpec,
  CountVectorsFeaturizer: countVectorsFeaturizerSpec,
  WordVectorFeaturizer: wordVectorFeaturizerSpec,
  EntityGazetteerFeaturizer: entityGazetteerFeaturizerSpec,
  DIETClassifier: dietClassifierSpec,
  LogisticRegressionClassifier: softmaxIntentClassifierSpec,
  SklearnIntentClassifier: softmaxIntentClassifierSpec,
  KeywordIntentClassifier: keywordIntentClassifierSpec,
  RegexEntityExtractor: regexEntityExtractorSpec,
  DucklingEntityExtractor: systemEntityExtractorSpec,
  SystemEntityExtractor: systemEntityExtractorSpec,
  EntitySpanExtender: entitySpanExtenderSpec,
  EntitySynonymMapper: entitySynonymMapperSpec,
  EntityValueNormalizer: entityValueNormalizerSpec,
  ResponseSelector: responseSelectorSpec,
  FallbackClassifier: fallbackClassifierSpec,
} as const satisfies Record<string, ComponentSpec>;

export type ComponentName = keyof typeof componentRegistry;

export const isComponentName = (name: string): name is ComponentName => Object.hasOwn(componentRegistry, name);

/** Rasa components that need spaCy, MITIE or transformers: accepted with a warning. */
export const UNAVAILABLE_COMPONENTS: Readonly<Record<string, 'tokenizer' | 'skip'>> = {
  SpacyNLP: 'skip',
  SpacyTokenizer: 'tokenizer',
  SpacyFeaturizer: 'skip',
  SpacyEntityExtractor: 'skip',
  MitieNLP: 'skip',
  MitieTokenizer: 'tokenizer',
  MitieFeaturizer: 'skip',
  MitieEntityExtractor: 'skip',
  LanguageModelFeaturizer: 'skip',
  LanguageModelTokenizer: 'tokenizer',
  ConveRTFeaturizer: 'skip',
  ConveRTTokenizer: 'tokenizer',
  HFTransformersNLP: 'skip',
  CRFEntityExtractor: 'skip',
};
