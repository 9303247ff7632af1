// Training: build the pipeline from config, run tokenizers/featurizers over the examples so later
// components see their output, train each trainable component in order, persist everything.
import type { Domain, ModelConfig, NluTrainingData } from '../core/index.js';
import { ParleyError } from '../errors.js';
import { chineseScriptOf, foldTrainingData, writtenForms } from './chinese-script-fold.js';
import { isTrainable, type Message, type NluComponent, type TrainingContext } from './component.js';
import { NLU_FORMAT_VERSION, fingerprintOf, type NluModelData, type PersistedComponent } from './nlu-model-data.js';
import { PipelineNluModel, type NluModel } from './nlu-model.js';
import { createMessage } from './pipeline/message.js';
import { componentRegistry } from './pipeline/registry.js';
import { resolvePipeline, type ResolvedComponent } from './pipeline/resolve-pipeline.js';

export interface TrainNluOptions {
  seed?: number;
  onProgress?: (component: string, done: number, total: number) => void;
}

export const DEFAULT_SEED = 42;

/**
 * Components read labels from `ctx.data.examples[i]` for `messages[i]` (same order, same length).
 */
async function trainComponent(r: ResolvedComponent, component: NluComponent, ctx: TrainingContext, messages: Message[]): Promise<void> {
  if (isTrainable(component)) await component.train(ctx, messages);
  const stage = componentRegistry[r.component].stage;
  if (stage === 'tokenizer' || stage === 'featurizer') {
    for (const m of messages) {
      const pending = component.process(m);
      if (pending) await pending;
    }
  }
  ctx.onProgress?.(r.name, 1, 1);
}

export async function trainNlu(config: ModelConfig, written: NluTrainingData, domain: Domain, opts: TrainNluOptions = {}): Promise<NluModel> {
  const { components: resolved, warnings } = resolvePipeline(config);
  const script = chineseScriptOf(config);
  const data = script === 'simplified' ? foldTrainingData(written) : written;
  const ctx: TrainingContext = { data, domain, language: config.language, seed: opts.seed ?? DEFAULT_SEED, chineseScript: script };
  if (opts.onProgress) ctx.onProgress = opts.onProgress;
  const messages = data.examples.map((ex) => createMessage(ex.text, ex.metadata ?? {}));
  const built: NluComponent[] = [];
  const persisted: PersistedComponent[] = [];
  for (const r of resolved) {
    const component = componentRegistry[r.component].create(r.options, { key: r.key, name: r.name, language: config.language, chineseScript: script, domain });
    try {
      await trainComponent(r, component, ctx, messages);
    } catch (cause) {
      if (cause instanceof ParleyError) throw cause;
      throw new ParleyError('TRAINING_FAILED', `NLU training failed in ${r.name}: ${String(cause)}`, { cause });
    }
    built.push(component);
    persisted.push({ component: r.component, name: r.name, key: r.key, options: r.options, state: isTrainable(component) ? component.persist() ?? null : null });
  }
  const body: Omit<NluModelData, 'fingerprint'> = {
    format_version: NLU_FORMAT_VERSION,
    language: config.language,
    config: { language: config.language, pipeline: config.pipeline },
    components: persisted,
    warnings,
    ...(script === 'simplified' ? { chinese_script: script, written_forms: writtenForms(written) } : {}),
  };
  return new PipelineNluModel(built, { ...body, fingerprint: fingerprintOf(body) }, domain);
}
