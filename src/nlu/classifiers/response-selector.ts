// ResponseSelector: picks the full retrieval intent (`chitchat/ask_name`) and its responses, in Rasa's
// `response_selector` shape. The intent classifier predicts the base intent (`chitchat`).
import { z } from 'zod';
import type { Domain, ResponseVariation } from '../../core/index.js';
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { stableHash } from '../util/stable-hash.js';
import { classifierOptions, fitOptionsOf, type ClassifierOptions } from './classifier-options.js';
import { baseIntent } from './ranking.js';
import { SparseSoftmaxClassifier, sparseSoftmaxSchema } from './softmax/sparse-softmax-classifier.js';

const stateSchema = z.object({
  retrievalIntents: z.array(z.string()),
  model: sparseSoftmaxSchema.nullable(),
  /** responses found in the NLU files, used when the domain lacks them */
  responses: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
type State = z.infer<typeof stateSchema>;

export class ResponseSelector implements TrainableNluComponent {
  readonly name = 'ResponseSelector';
  private state: State = { retrievalIntents: [], model: null, responses: {} };
  private model: SparseSoftmaxClassifier | undefined;

  constructor(private readonly opts: ClassifierOptions, private readonly domain: Domain, state?: State) {
    if (state) this.setState(state);
  }

  private setState(state: State): void {
    this.state = state;
    this.model = state.model ? SparseSoftmaxClassifier.fromData(state.model) : undefined;
  }

  private covers(intent: string): boolean {
    return this.opts.retrieval_intent === null ? this.state.retrievalIntents.includes(intent) : intent === this.opts.retrieval_intent;
  }

  train(ctx: TrainingContext, messages: Message[]): void {
    const picked = ctx.data.examples.map((ex, i) => ({ ex, i })).filter(({ ex }) => ex.intent.includes('/'));
    const retrievalIntents = [...new Set(picked.map(({ ex }) => baseIntent(ex.intent)))].sort();
    const mine = picked.filter(({ ex }) => this.opts.retrieval_intent === null || baseIntent(ex.intent) === this.opts.retrieval_intent);
    const responses: State['responses'] = {};
    for (const { ex } of mine) {
      const own = ctx.data.responses[`utter_${ex.intent}`];
      if (own) responses[`utter_${ex.intent}`] = own;
    }
    const fit = fitOptionsOf(this.opts, ctx.seed);
    const model = mine.length === 0 ? null : SparseSoftmaxClassifier.fit(
      mine.map(({ i }) => messages[i] as Message),
      mine.map(({ ex }) => ex.intent),
      { ...fit, onEpoch: (epoch) => ctx.onProgress?.(this.name, epoch, fit.epochs) },
    ).toData();
    this.setState({ retrievalIntents, model, responses });
  }

  private responsesFor(label: string): ResponseVariation[] {
    const key = `utter_${label}`;
    return this.domain.responses[key] ?? (this.state.responses[key] as ResponseVariation[] | undefined) ?? [];
  }

  process(msg: Message): void {
    if (!this.model) return;
    const ranked = this.model.rank(msg);
    const limit = this.opts.ranking_length > 0 ? this.opts.ranking_length : ranked.length;
    const top = ranked[0];
    if (!top) return;
    const selector = (msg.parse.response_selector ??= {});
    selector['all_retrieval_intents'] = [...this.state.retrievalIntents];
    selector[this.opts.retrieval_intent ?? 'default'] = {
      response: { responses: this.responsesFor(top.label), confidence: top.confidence, intent_response_key: top.label, utter_action: `utter_${top.label}` },
      ranking: ranked.slice(0, limit).map((s) => ({ id: stableHash(s.label), confidence: s.confidence, intent_response_key: s.label })),
    };
    const intent = msg.parse.intent;
    if (intent && this.covers(intent.name)) {
      const best = ranked.find((s) => baseIntent(s.label) === intent.name);
      if (best) intent.full_retrieval_intent_name = best.label;
    }
  }

  persist(): State {
    return this.state;
  }
}

export const responseSelectorSpec = defineComponent({
  stage: 'classifier',
  options: classifierOptions,
  create: (o, env) => new ResponseSelector(o, env.domain, env.state === undefined ? undefined : parseState(stateSchema, env)),
});
