// EntityGazetteerFeaturizer (optional, experimental): sentence features for the intent network from
// the values annotated as entities in the training data. For each span of whole units that spells a
// known value of type T: `T` (a value of type T occurs), and with `context`, `T<word` and `T>word` for
// the words just before and after the span. As for the tagger's gazetteer (tagging/gazetteer.ts), a
// training message sees only the values annotated in the other folds, so the network learns how
// often a new name is missing from the list; parsing looks values up among all of them.
import { z } from 'zod';
import type { Message, Token, TrainableNluComponent, TrainingContext } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { foldGazetteers, fullGazetteer, Gazetteer, gazetteerSchema } from '../classifiers/diet/tagging/gazetteer.js';
import { tagUnits } from '../classifiers/diet/tagging/tag-tokens.js';
import { isChineseLanguage } from '../util/language.js';
import { countTerms } from './vocabulary.js';

const options = z.object({
  /** training messages look values up among the annotations of the other folds (at least 2) */
  folds: z.number().int().min(2).max(20).default(5),
  /** also the word before and after each matched span, conjoined with the type */
  context: z.boolean().default(false),
  /** only spans not inside a longer matched span */
  longest_only: z.boolean().default(true),
  /** the set's weight next to the n-gram sets (each L2-normalised on its own) */
  weight: z.number().positive().default(1),
  alias: z.string().nullable().optional(),
}).strict();

type Options = z.output<typeof options>;

const stateSchema = z.object({ vocabulary: z.array(z.string()), gazetteer: gazetteerSchema });

export class EntityGazetteerFeaturizer implements TrainableNluComponent {
  readonly name = 'EntityGazetteerFeaturizer';
  private gazetteer = Gazetteer.fromData({});
  private index = new Map<string, number>();
  /** training messages' terms, computed with their fold's gazetteer */
  private readonly trainingTerms = new WeakMap<Message, string[]>();

  constructor(private readonly key: string, private readonly opts: Options, private readonly characters: boolean, state?: z.infer<typeof stateSchema>) {
    if (state) {
      this.gazetteer = Gazetteer.fromData(state.gazetteer);
      this.index = new Map(state.vocabulary.map((t, i) => [t, i]));
    }
  }

  private terms(text: string, tokens: readonly Token[], gazetteer: Gazetteer): string[] {
    const units = tagUnits(text, tokens, { characters: this.characters });
    let matches = gazetteer.matches(text, units);
    if (this.opts.longest_only) {
      matches = matches.filter((m) => !matches.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
    }
    const out: string[] = [];
    for (const m of matches) {
      out.push(m.name);
      if (!this.opts.context) continue;
      const before = units.filter((u) => u.end <= m.start).at(-1);
      const after = units.find((u) => u.start >= m.end);
      out.push(`${m.name}<${before ? before.text.toLowerCase() : '^'}`, `${m.name}>${after ? after.text.toLowerCase() : '$'}`);
    }
    return out;
  }

  train(ctx: TrainingContext, messages: Message[]): void {
    const examples = ctx.data.examples.map((ex) => ({ text: ex.text, entities: ex.entities }));
    this.gazetteer = fullGazetteer(examples);
    const folds = foldGazetteers(examples, this.opts.folds, ctx.seed);
    const all = new Set<string>();
    messages.forEach((m, i) => {
      const terms = this.terms(m.text, m.tokens, folds[i] as Gazetteer);
      this.trainingTerms.set(m, terms);
      for (const t of terms) all.add(t);
    });
    this.index = new Map([...all].sort().map((t, i) => [t, i]));
  }

  process(msg: Message): void {
    const terms = this.trainingTerms.get(msg) ?? this.terms(msg.text, msg.tokens, this.gazetteer);
    msg.sparse.set(this.key, countTerms(terms, this.index));
    if (this.opts.weight !== 1) (msg.sparseWeights ??= new Map()).set(this.key, this.opts.weight);
  }

  persist(): z.infer<typeof stateSchema> {
    return { vocabulary: [...this.index.keys()], gazetteer: this.gazetteer.toData() };
  }
}

export const entityGazetteerFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => new EntityGazetteerFeaturizer(env.key, opts, isChineseLanguage(env.language), env.state === undefined ? undefined : parseState(stateSchema, env)),
});
