// What the registry knows about a component: its stage, its strict options schema and its factory.
import { z } from 'zod';
import type { ChineseScript, Domain } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import type { NluComponent } from '../component.js';

/** Tokenizers and featurizers also run over the training messages, so later components see their output. */
export type ComponentStage = 'tokenizer' | 'featurizer' | 'classifier' | 'extractor' | 'processor';

export interface ComponentEnv {
  /** unique within the pipeline (e.g. `CountVectorsFeaturizer#3`): names the feature set a featurizer writes */
  key: string;
  /** the name as written in config.yml (`DIETClassifier` even when our classifier stands in for it) */
  name: string;
  language: string;
  /** how the model reads Chinese text (chinese-script-fold.ts): patterns in options are read the same way */
  chineseScript?: ChineseScript;
  domain: Domain;
  /** the component's persisted state when loading a trained model; undefined before training */
  state?: unknown;
}

export interface ComponentSpec {
  readonly stage: ComponentStage;
  /** validates config.yml options (strict: unknown keys are errors) and returns them with defaults */
  parseOptions(raw: Record<string, unknown>, name: string): Record<string, unknown>;
  create(options: Record<string, unknown>, env: ComponentEnv): NluComponent;
}

/** Ties a typed factory to its schema; the returned spec only accepts options that passed the schema. */
export function defineComponent<S extends z.ZodType<Record<string, unknown>>>(def: {
  stage: ComponentStage;
  options: S;
  create: (options: z.output<S>, env: ComponentEnv) => NluComponent;
}): ComponentSpec {
  return {
    stage: def.stage,
    parseOptions(raw, name) {
      // each schema runs once per model load: compiling it (zod's JIT) costs more than it saves
      const result = def.options.safeParse(raw, { jitless: true });
      if (result.success) return result.data;
      throw new ParleyError('CONFIG_INVALID', `config.yml: invalid options for pipeline component "${name}": ${z.prettifyError(result.error)}`);
    },
    create: (options, env) => def.create(options as z.output<S>, env),
  };
}

/** Validates a component's persisted state when a trained model is loaded. */
export function parseState<T>(schema: z.ZodType<T>, env: ComponentEnv): T {
  const parsed = schema.safeParse(env.state, { jitless: true });
  if (!parsed.success) throw new ParleyError('MODEL_INVALID', `NLU model: the state of ${env.key} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
