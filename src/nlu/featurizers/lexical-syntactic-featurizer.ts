// LexicalSyntacticFeaturizer: token shape features (case, digits, affixes, sentence position) in a window
// around each token. Summed over the sentence for now; the entity tagger will want them per token.
import { z } from 'zod';
import type { Message, Token, TrainableNluComponent } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { countTerms, vocabularyStateSchema } from './vocabulary.js';

const FEATURES = ['low', 'upper', 'title', 'digit', 'BOS', 'EOS', 'prefix5', 'prefix2', 'suffix5', 'suffix3', 'suffix2', 'suffix1', 'pos', 'pos2'] as const;
type FeatureName = (typeof FEATURES)[number];

const DEFAULT_WINDOW: FeatureName[][] = [['low', 'title', 'upper'], ['BOS', 'EOS', 'low', 'upper', 'title', 'digit'], ['low', 'title', 'upper']];

const options = z.object({
  features: z.array(z.array(z.enum(FEATURES))).default(DEFAULT_WINDOW),
  alias: z.string().nullable().optional(),
}).strict();

const isTitle = (t: string): boolean => /^\p{Lu}\p{Ll}*$/u.test(t);

/** The value of one feature for one token, or undefined when it does not apply (pos needs a tokenizer that tags). */
function featureValue(name: FeatureName, tokens: Token[], i: number): string | undefined {
  const t = tokens[i]?.text ?? '';
  switch (name) {
    case 'low': return String(t === t.toLowerCase() && t !== t.toUpperCase());
    case 'upper': return String(t === t.toUpperCase() && t !== t.toLowerCase());
    case 'title': return String(isTitle(t));
    case 'digit': return String(/^\p{N}+$/u.test(t));
    case 'BOS': return String(i === 0);
    case 'EOS': return String(i === tokens.length - 1);
    case 'prefix5': return t.slice(0, 5);
    case 'prefix2': return t.slice(0, 2);
    case 'suffix5': return t.slice(-5);
    case 'suffix3': return t.slice(-3);
    case 'suffix2': return t.slice(-2);
    case 'suffix1': return t.slice(-1);
    case 'pos': return tokens[i]?.pos;
    case 'pos2': return tokens[i]?.pos?.slice(0, 2);
  }
}

export class LexicalSyntacticFeaturizer implements TrainableNluComponent {
  readonly name = 'LexicalSyntacticFeaturizer';
  private index = new Map<string, number>();

  constructor(private readonly key: string, private readonly window: FeatureName[][], vocabulary?: string[]) {
    if (vocabulary) this.index = new Map(vocabulary.map((f, i) => [f, i]));
  }

  private terms(tokens: Token[]): string[] {
    const out: string[] = [];
    const half = Math.floor(this.window.length / 2);
    tokens.forEach((_, i) => this.window.forEach((names, w) => {
      const j = i + w - half;
      if (j < 0 || j >= tokens.length) return;
      for (const name of names) {
        const v = featureValue(name, tokens, j);
        if (v !== undefined) out.push(`${w - half}:${name}:${v}`);
      }
    }));
    return out;
  }

  train(_ctx: unknown, messages: Message[]): void {
    const all = new Set<string>();
    for (const m of messages) for (const t of this.terms(m.tokens)) all.add(t);
    this.index = new Map([...all].sort().map((f, i) => [f, i]));
  }

  process(msg: Message): void {
    msg.sparse.set(this.key, countTerms(this.terms(msg.tokens), this.index));
  }

  persist(): { vocabulary: string[] } {
    return { vocabulary: [...this.index.keys()] };
  }
}

export const lexicalSyntacticFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => new LexicalSyntacticFeaturizer(env.key, opts.features, env.state === undefined ? undefined : parseState(vocabularyStateSchema, env).vocabulary),
});
