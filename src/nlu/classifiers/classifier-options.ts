// Options of the classifiers we stand in for (DIETClassifier, LogisticRegressionClassifier,
// SklearnIntentClassifier, ResponseSelector). The ones that shape our softmax classifier are typed;
// the other Rasa keys are accepted (so existing config.yml files load) and have no effect.
import { z } from 'zod';

const RASA_ONLY_KEYS = [
  'hidden_layers_sizes', 'share_hidden_layers', 'transformer_size', 'number_of_transformer_layers', 'number_of_attention_heads',
  'unidirectional_encoder', 'use_key_relative_attention', 'use_value_relative_attention', 'max_relative_position',
  'batch_strategy', 'embedding_dimension', 'dense_dimension', 'concat_dimension', 'number_of_negative_examples',
  'similarity_type', 'loss_type', 'maximum_positive_similarity', 'maximum_negative_similarity', 'use_maximum_negative_similarity',
  'scale_loss', 'negative_margin_scale', 'drop_rate', 'drop_rate_attention', 'drop_rate_dialogue', 'drop_rate_label',
  'connection_density', 'weight_sparsity', 'use_sparse_input_dropout', 'use_dense_input_dropout', 'evaluate_every_number_of_epochs',
  'evaluate_on_number_of_examples', 'entity_recognition', 'use_masked_language_model', 'BILOU_flag', 'tensorboard_log_directory',
  'tensorboard_log_level', 'checkpoint_model', 'featurizers', 'split_entities_by_comma', 'constrain_similarities',
  'model_confidence', 'run_eagerly', 'use_text_as_label', 'use_gpu',
  // LogisticRegressionClassifier / SklearnIntentClassifier
  'C', 'kernels', 'gamma', 'max_cross_validation_folds', 'scoring_function', 'num_threads', 'max_iter', 'solver', 'tol', 'random_state',
] as const;

type AcceptedShape = Record<(typeof RASA_ONLY_KEYS)[number], z.ZodOptional<z.ZodUnknown>>;
const accepted = Object.fromEntries(RASA_ONLY_KEYS.map((k) => [k, z.unknown().optional()])) as AcceptedShape;

export const softmaxClassifierOptionsShape = {
  ...accepted,
  epochs: z.number().int().min(1).default(100),
  random_seed: z.number().int().nullable().default(null),
  learning_rate: z.number().positive().default(0.05),
  /** L2 on the weights: higher gives softer confidences */
  regularization_constant: z.number().min(0).default(1e-5),
  batch_size: z.union([z.number().int().positive(), z.array(z.number().int().positive())]).nullable().default(null),
  ranking_length: z.number().int().min(0).default(10),
  renormalize_confidences: z.boolean().default(false),
  intent_classification: z.boolean().default(true),
  retrieval_intent: z.string().nullable().default(null),
};

export const classifierOptions = z.object(softmaxClassifierOptionsShape).strict();
export type ClassifierOptions = z.output<typeof classifierOptions>;

/** Rasa's batch_size may be [min, max] (grown over epochs); we use one size, the first. */
export function batchSizeOf(opts: ClassifierOptions): number | undefined {
  if (opts.batch_size === null) return undefined;
  return Array.isArray(opts.batch_size) ? opts.batch_size[0] : opts.batch_size;
}

export const fitOptionsOf = (opts: ClassifierOptions, seed: number) => ({
  epochs: opts.epochs,
  learningRate: opts.learning_rate,
  l2: opts.regularization_constant,
  batchSize: batchSizeOf(opts),
  seed: opts.random_seed ?? seed,
  // the loss of a sparse linear model falls fast; once an epoch gains < 3% twice, more epochs only
  // sharpen confidences on the training set (worse out-of-scope separation) and cost time
  tolerance: 0.03,
  patience: 2,
});
