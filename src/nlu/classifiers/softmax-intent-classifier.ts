// Our intent classifier (registered as DIETClassifier, LogisticRegressionClassifier and
// SklearnIntentClassifier): a softmax over the sparse features of every featurizer before it.
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { classifierOptions, fitOptionsOf, type ClassifierOptions } from './classifier-options.js';
import { baseIntent, toRanking } from './ranking.js';
import { SparseSoftmaxClassifier, sparseSoftmaxSchema, type SparseSoftmaxData } from './softmax/sparse-softmax-classifier.js';

export class SoftmaxIntentClassifier implements TrainableNluComponent {
  private model: SparseSoftmaxClassifier | undefined;

  constructor(readonly name: string, private readonly opts: ClassifierOptions, state?: SparseSoftmaxData) {
    if (state) this.model = SparseSoftmaxClassifier.fromData(state);
  }

  train(ctx: TrainingContext, messages: Message[]): void {
    if (!this.opts.intent_classification || messages.length === 0) return;
    const targets = ctx.data.examples.map((ex) => baseIntent(ex.intent));
    const fit = fitOptionsOf(this.opts, ctx.seed);
    this.model = SparseSoftmaxClassifier.fit(messages, targets, {
      ...fit,
      onEpoch: (epoch) => ctx.onProgress?.(this.name, epoch, fit.epochs),
    });
  }

  process(msg: Message): void {
    if (!this.model || this.model.labels.length === 0) return;
    const ranking = toRanking(this.model.rank(msg), { length: this.opts.ranking_length, renormalize: this.opts.renormalize_confidences });
    const top = ranking[0];
    if (!top) return;
    msg.parse.intent = { name: top.name, confidence: top.confidence };
    msg.parse.intent_ranking = ranking;
    msg.parse.parley = { decided_by: 'classifier' };
  }

  persist(): SparseSoftmaxData | null {
    return this.model?.toData() ?? null;
  }
}

export const softmaxIntentClassifierSpec = defineComponent({
  stage: 'classifier',
  options: classifierOptions,
  create: (opts, env) => {
    const state = env.state === undefined || env.state === null ? undefined : parseState(sparseSoftmaxSchema, env);
    return new SoftmaxIntentClassifier(env.name, opts, state);
  },
});
