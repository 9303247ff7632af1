// DIETClassifier options as config.yml writes them. The ones our model uses are typed; the rest of
// Rasa's DIET keys are accepted (so existing configs load) and have no effect.
import { z } from 'zod';
import { isChineseLanguage } from '../../util/language.js';

const ACCEPTED_KEYS = [
  'share_hidden_layers', 'transformer_size', 'number_of_transformer_layers', 'number_of_attention_heads',
  'unidirectional_encoder', 'use_key_relative_attention', 'use_value_relative_attention', 'max_relative_position',
  'batch_strategy', 'embedding_dimension', 'dense_dimension', 'concat_dimension', 'number_of_negative_examples',
  'similarity_type', 'loss_type', 'maximum_positive_similarity', 'maximum_negative_similarity', 'use_maximum_negative_similarity',
  'scale_loss', 'negative_margin_scale', 'drop_rate_attention', 'drop_rate_dialogue', 'drop_rate_label',
  'connection_density', 'weight_sparsity', 'use_sparse_input_dropout', 'use_dense_input_dropout', 'evaluate_every_number_of_epochs',
  'use_masked_language_model', 'BILOU_flag', 'tensorboard_log_directory', 'tensorboard_log_level', 'checkpoint_model',
  'featurizers', 'split_entities_by_comma', 'constrain_similarities', 'model_confidence', 'run_eagerly', 'use_text_as_label', 'use_gpu',
  'retrieval_intent', 'regularization_constant',
] as const;

type AcceptedShape = Record<(typeof ACCEPTED_KEYS)[number], z.ZodOptional<z.ZodUnknown>>;
const accepted = Object.fromEntries(ACCEPTED_KEYS.map((k) => [k, z.unknown().optional()])) as AcceptedShape;

const positiveInts = z.array(z.number().int().positive());

export const dietOptions = z.object({
  ...accepted,
  /** upper bound; early stopping usually ends training sooner */
  epochs: z.number().int().min(1).default(100),
  /** `text`: the intent network's hidden layer (first size used; [] = a linear model) */
  hidden_layers_sizes: z.object({ text: positiveInts.optional(), label: positiveInts.optional() }).strict().default({}),
  dropout_rate: z.number().min(0).max(0.9).optional(),
  drop_rate: z.number().min(0).max(0.9).optional(),
  learning_rate: z.number().positive().default(0.003),
  batch_size: z.union([z.number().int().positive(), z.array(z.number().int().positive())]).nullable().default(null),
  entity_recognition: z.boolean().default(true),
  intent_classification: z.boolean().default(true),
  random_seed: z.number().int().nullable().default(null),
  ranking_length: z.number().int().min(0).default(10),
  renormalize_confidences: z.boolean().default(false),
  /** Rasa: the number of training examples held out for evaluation (0 = ours: validation_split) */
  evaluate_on_number_of_examples: z.number().int().min(0).default(0),
  /** fraction of the training data held out (stratified) for early stopping and calibration */
  validation_split: z.number().min(0).max(0.5).default(0.1),
  /** epochs without improvement on the held-out slice before training stops */
  early_stopping_patience: z.number().int().min(1).default(3),
  /** retrain on all data for the chosen number of epochs; auto = when there are < 5000 examples */
  refit: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  /**
   * features (n-grams) seen in fewer training examples get no input row. 2 halves a large model (its
   * archive, load time and memory) at a small cost in accuracy (val, 3 seeds: CLINC150 ±0, SNIPS
   * −0.1, CAIS −0.1 points), so it is not the default.
   */
  min_feature_count: z.number().int().min(1).default(1),
  /** fit a softmax temperature on the held-out slice so confidences match accuracy */
  calibrate: z.boolean().default(true),
  /**
   * intent networks trained from different seeds (each with hidden_layers_sizes units), merged into
   * one network averaging their logits: parsing costs what one network of all their units costs.
   * auto: four networks of 64 units for Chinese (when hidden_layers_sizes leaves the size open),
   * one otherwise. Chosen on val, seeds 42 / 7 / 1: CAIS 2,869 → 2,874 of 2,982 right, SMP2017
   * 5-fold cross-validation 736 → 725 errors; English sets gained nothing (see bench/results).
   */
  intent_ensemble_size: z.union([z.number().int().min(1).max(16), z.literal('auto')]).default('auto'),
  /**
   * bits per stored weight of the intent network's input matrix (one row per n-gram: most of a
   * model). 4 halves the archive, its load and its memory against 8, with the same val accuracy on
   * the bench sets; auto: 4 once the matrix would take 4 MB at 8 bits (a small bot's model keeps its
   * 8-bit confidences and would save under 2 MB). Hidden sizes not a multiple of 16 keep 8.
   */
  input_layer_bits: z.union([z.literal(4), z.literal(8), z.literal('auto')]).default('auto'),
  /** maximum epochs of the entity tagger (CRF) */
  entity_epochs: z.number().int().min(1).default(25),
  /** the CRF's SGD step size */
  entity_learning_rate: z.number().positive().default(0.1),
  /**
   * gazetteer features for the tagger: does a span spell a value annotated as type X? Training
   * sentences look values up among the other folds' annotations only (this many folds; 0 = off).
   * Slot F1 on val, off → 5 folds: SNIPS 94.0 → 95.1 (seeds 42 and 7), CAIS 87.4/85.9/86.3 →
   * 87.9/85.7/87.1 (seeds 42, 7, 1); 3 and 10 folds scored 94.4 and 94.9 on SNIPS.
   */
  entity_gazetteer_folds: z.number().int().min(0).max(20).refine((n) => n !== 1, 'entity_gazetteer_folds: 0 (off) or at least 2').default(5),
  /**
   * tag a message whose intent is predicted with confidence ≥ 0.7 only with the entity types that
   * intent was annotated with in training (an intent never annotated: no entities). Fewer tags to
   * decode, and no slot its intent never had; a less certain message is tagged with every type.
   */
  entity_types_by_intent: z.boolean().default(true),
}).strict();

export type DietOptions = z.output<typeof dietOptions>;

export const DEFAULT_HIDDEN_SIZE = 256;

/** The members auto gives a Chinese model, and their width: merged, the default network's 256 units. */
const CHINESE_ENSEMBLE = { ensemble: 4, hidden: 64 } as const;

/** The intent network's hidden units per member and its number of members, for a model of this language. */
export function intentShapeOf(o: DietOptions, language: string): { hidden: number; ensemble: number } {
  const text = o.hidden_layers_sizes.text;
  const size = o.intent_ensemble_size;
  if (size === 'auto' && text === undefined && isChineseLanguage(language)) return { ...CHINESE_ENSEMBLE };
  return { hidden: text === undefined ? DEFAULT_HIDDEN_SIZE : text[0] ?? 0, ensemble: size === 'auto' ? 1 : size };
}

export const dropoutOf = (o: DietOptions): number => o.dropout_rate ?? o.drop_rate ?? 0.4;

/** Rasa's batch_size may be [min, max] (grown over epochs); we use one size, the first. */
export const batchSizeOf = (o: DietOptions, n: number): number => {
  if (o.batch_size !== null) return Array.isArray(o.batch_size) ? o.batch_size[0] ?? 32 : o.batch_size;
  return Math.min(64, Math.max(8, Math.round(n / 32)));
};
