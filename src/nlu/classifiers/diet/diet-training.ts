// Trains the parts of the DIET stand-in from the pipeline's training messages: the intent network,
// the entity CRF, and role / group classifiers when the data annotates them.
import type { AnnotatedEntity, NluExample } from '../../../core/index.js';
import type { Message, TrainingContext } from '../../component.js';
import { collectPatterns } from '../../extractors/patterns.js';
import { isChineseLanguage } from '../../util/language.js';
import { baseIntent } from '../ranking.js';
import { batchSizeOf, dropoutOf, intentShapeOf, type DietOptions } from './diet-options.js';
import { DIET_STATE_VERSION, type DietState } from './diet-state.js';
import { stratifiedHoldout, type Holdout } from './holdout.js';
import { IntentHead, type IntentHeadData } from './intent/intent-head.js';
import { AttributeClassifier, NO_ATTRIBUTE, type EntityInContext } from './roles/attribute-classifier.js';
import { EntityHead } from './tagging/entity-head.js';
import { tagUnits } from './tagging/tag-tokens.js';

/**
 * A held-out slice smaller than this says too little to stop on or to calibrate with (a few unseen
 * sentences of a small bot are mostly misclassified, which would flatten every confidence): such
 * data is trained for the configured epochs on all examples, as Rasa does, and calibrated by k-fold
 * cross-validation instead (intent/cv-temperature.ts).
 */
export const MIN_HELD_OUT = 50;

/** Data sets smaller than this are refitted on all examples after early stopping (when refit is auto). */
const AUTO_REFIT_BELOW = 5000;

export interface DietTrainingInput { ctx: TrainingContext; messages: readonly Message[]; opts: DietOptions; name: string }

function trainIntents(input: DietTrainingInput, labels: string[], holdout: Holdout, seed: number, refit: boolean): IntentHeadData {
  const { opts, ctx, name } = input;
  const { hidden, ensemble } = intentShapeOf(opts, ctx.language);
  return IntentHead.fit(input.messages, labels, holdout, {
    hidden, epochs: opts.epochs, learningRate: opts.learning_rate, dropout: dropoutOf(opts),
    batchSize: batchSizeOf(opts, labels.length), seed, l2: 0, patience: opts.early_stopping_patience, refit, calibrate: opts.calibrate,
    minFeatureCount: opts.min_feature_count, ensemble, inputBits: opts.input_layer_bits,
    onEpoch: (epoch) => ctx.onProgress?.(`${name} (intents)`, epoch, opts.epochs),
  });
}

/** One annotated example teaches a tagger nothing it can generalise: such types are left to regexes and lookups. */
const MIN_EXAMPLES_PER_TYPE = 2;

function learnableTypes(examples: readonly NluExample[]): Set<string> {
  const count = new Map<string, number>();
  for (const ex of examples) for (const type of new Set(ex.entities.map((e) => e.entity))) count.set(type, (count.get(type) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n >= MIN_EXAMPLES_PER_TYPE).map(([t]) => t));
}

function trainEntities(input: DietTrainingInput, holdout: Holdout, o: { seed: number; refit: boolean; withIntent: boolean }): EntityHead {
  const { opts, ctx, name, messages } = input;
  const types = learnableTypes(ctx.data.examples);
  const examples = ctx.data.examples.map((ex, i) => ({ text: ex.text, tokens: (messages[i] as Message).tokens, entities: ex.entities.filter((e) => types.has(e.entity)), intent: o.withIntent ? baseIntent(ex.intent) : '' }));
  return EntityHead.fit(examples, holdout, {
    characters: isChineseLanguage(ctx.language),
    patterns: collectPatterns(ctx.data, { useRegexes: true, useLookupTables: true }),
    gazetteerFolds: opts.entity_gazetteer_folds, intentTypes: opts.entity_types_by_intent,
    epochs: opts.entity_epochs, learningRate: opts.entity_learning_rate, seed: o.seed, patience: opts.early_stopping_patience, refit: o.refit,
    onEpoch: (epoch) => ctx.onProgress?.(`${name} (entities)`, epoch, opts.entity_epochs),
  });
}

function trainAttribute(input: DietTrainingInput, attr: 'role' | 'group', seed: number): AttributeClassifier | null {
  const { ctx, messages } = input;
  const annotated = (e: AnnotatedEntity): boolean => e[attr] !== undefined;
  if (!ctx.data.examples.some((ex) => ex.entities.some(annotated))) return null;
  const characters = isChineseLanguage(ctx.language);
  const entities: EntityInContext[] = [];
  const labels: string[] = [];
  ctx.data.examples.forEach((ex: NluExample, i) => {
    if (ex.entities.length === 0) return;
    const units = tagUnits(ex.text, (messages[i] as Message).tokens, { characters }, ex.entities.flatMap((e) => [e.start, e.end]));
    for (const e of ex.entities) {
      entities.push({ entity: e.entity, start: e.start, end: e.end, units });
      labels.push(e[attr] ?? NO_ATTRIBUTE);
    }
  });
  return AttributeClassifier.fit(entities, labels, seed);
}

export function trainDiet(input: DietTrainingInput): DietState {
  const { ctx, opts } = input;
  const seed = opts.random_seed ?? ctx.seed;
  const labels = ctx.data.examples.map((ex) => baseIntent(ex.intent));
  const split = stratifiedHoldout(labels, { fraction: opts.validation_split, count: opts.evaluate_on_number_of_examples, seed });
  const holdout = split.heldOut.length >= MIN_HELD_OUT ? split : { train: Int32Array.from(labels, (_, i) => i), heldOut: new Int32Array(0) };
  const refit = opts.refit === 'auto' ? labels.length < AUTO_REFIT_BELOW : opts.refit;
  const hasEntities = learnableTypes(ctx.data.examples).size > 0;
  const entityOn = opts.entity_recognition && hasEntities;
  const intent = opts.intent_classification && labels.length > 0 ? trainIntents(input, labels, holdout, seed, refit) : null;
  return {
    version: DIET_STATE_VERSION,
    intent,
    entities: entityOn ? trainEntities(input, holdout, { seed, refit, withIntent: intent !== null }).toData() : null,
    roles: entityOn ? trainAttribute(input, 'role', seed)?.toData() ?? null : null,
    groups: entityOn ? trainAttribute(input, 'group', seed)?.toData() ?? null : null,
  };
}
