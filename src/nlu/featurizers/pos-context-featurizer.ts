// PosContextFeaturizer (optional, experimental): sentence features from the part-of-speech tags a
// tagging tokenizer puts on tokens (JiebaTokenizer with pos_tags: true), for the intent network.
// `pos:T` per token tagged T; with `bigrams`, `pos:T1_T2` for adjacent tokens; with `context`, for
// tokens whose tag is in `context_tags` (names, places, numbers…), the tag conjoined with the
// neighbouring words: `T<word` (the word before) and `T>word` (the word after), so "<ns> 天气"
// generalises over cities the n-gram features never saw. Tokens without a tag add nothing.
import { z } from 'zod';
import type { Message, Token, TrainableNluComponent } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { countTerms, vocabularyStateSchema } from './vocabulary.js';

/** jieba's tags for names and proper nouns, places, organisations, numbers, times and foreign words */
const DEFAULT_CONTEXT_TAGS = ['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'm', 't', 'eng', 'x'];

const options = z.object({
  unigrams: z.boolean().default(true),
  bigrams: z.boolean().default(false),
  context: z.boolean().default(false),
  context_tags: z.array(z.string()).default(DEFAULT_CONTEXT_TAGS),
  /** the set's weight next to the n-gram sets (each L2-normalised on its own) */
  weight: z.number().positive().default(1),
  alias: z.string().nullable().optional(),
}).strict();

type Options = z.output<typeof options>;

export class PosContextFeaturizer implements TrainableNluComponent {
  readonly name = 'PosContextFeaturizer';
  private index = new Map<string, number>();
  private readonly contextTags: ReadonlySet<string>;

  constructor(private readonly key: string, private readonly opts: Options, vocabulary?: string[]) {
    this.contextTags = new Set(opts.context_tags);
    if (vocabulary) this.index = new Map(vocabulary.map((t, i) => [t, i]));
  }

  private terms(tokens: readonly Token[]): string[] {
    const out: string[] = [];
    tokens.forEach((t, i) => {
      const tag = t.pos;
      if (tag === undefined) return;
      if (this.opts.unigrams) out.push(`pos:${tag}`);
      const next = tokens[i + 1];
      if (this.opts.bigrams && next?.pos !== undefined) out.push(`pos:${tag}_${next.pos}`);
      if (this.opts.context && this.contextTags.has(tag)) {
        out.push(`${tag}<${tokens[i - 1]?.text.toLowerCase() ?? '^'}`, `${tag}>${next?.text.toLowerCase() ?? '$'}`);
      }
    });
    return out;
  }

  train(_ctx: unknown, messages: Message[]): void {
    const all = new Set<string>();
    for (const m of messages) for (const t of this.terms(m.tokens)) all.add(t);
    this.index = new Map([...all].sort().map((t, i) => [t, i]));
  }

  process(msg: Message): void {
    msg.sparse.set(this.key, countTerms(this.terms(msg.tokens), this.index));
    if (this.opts.weight !== 1) (msg.sparseWeights ??= new Map()).set(this.key, this.opts.weight);
  }

  persist(): { vocabulary: string[] } {
    return { vocabulary: [...this.index.keys()] };
  }
}

export const posContextFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => new PosContextFeaturizer(env.key, opts, env.state === undefined ? undefined : parseState(vocabularyStateSchema, env).vocabulary),
});
