// LexicalSyntacticFeaturizer: token shape features (case, digits, affixes, sentence position) in a window
// around each token. Summed over the sentence for now; the entity tagger will want them per token.
//
// Parsing does not build the feature strings ("-1:suffix3:ing"): what a token's text decides is looked
// up once per text and window place and kept as vocabulary indices (TextTerms). Rasa's default pipeline
// has this featurizer, and building ~100 strings per message doubled a CLINC150 parse.
import { z } from 'zod';
import type { Message, Token, TrainableNluComponent } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { SparseCounts } from './sparse-counts.js';
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

/** A feature that the token's text alone does not decide, as TextTerms holds it in place of a term. */
const [ABSENT, BOS, EOS, POS, POS2] = [-1, -2, -3, -4, -5];
const PLACED: Partial<Record<FeatureName, number>> = { BOS, EOS, pos: POS, pos2: POS2 };
/** texts whose terms are kept (a few dozen bytes each); emptied when full */
const TEXT_CACHE_SIZE = 20_000;

/** One token text's terms: for each window place, each of its features' vocabulary index, ABSENT, or a placed feature's code. */
type TextTerms = Int32Array[];

export class LexicalSyntacticFeaturizer implements TrainableNluComponent {
  readonly name = 'LexicalSyntacticFeaturizer';
  private index = new Map<string, number>();
  private readonly textTerms = new Map<string, TextTerms>();
  /** per window place: the terms of BOS true / false and EOS true / false (ABSENT when not in the vocabulary) */
  private placeTerms: Int32Array[] = [];
  /** per-call scratch: each term's count so far, and the terms in order of first occurrence */
  private tally = new Int32Array(0);
  private found = new Int32Array(64);

  constructor(private readonly key: string, private readonly window: FeatureName[][], vocabulary?: string[]) {
    if (vocabulary) this.useVocabulary(new Map(vocabulary.map((f, i) => [f, i])));
  }

  private useVocabulary(index: Map<string, number>): void {
    this.index = index;
    this.textTerms.clear();
    this.tally = new Int32Array(index.size);
    const half = Math.floor(this.window.length / 2);
    const term = (w: number, name: string, value: boolean): number => index.get(`${w - half}:${name}:${String(value)}`) ?? ABSENT;
    this.placeTerms = this.window.map((_, w) => Int32Array.of(term(w, 'BOS', true), term(w, 'BOS', false), term(w, 'EOS', true), term(w, 'EOS', false)));
  }

  /** The terms a token's text decides, per window place (kept per text). */
  private termsOfText(text: string): TextTerms {
    let terms = this.textTerms.get(text);
    if (terms) return terms;
    const half = Math.floor(this.window.length / 2);
    const token: Token[] = [{ text, start: 0, end: text.length }];
    terms = this.window.map((names, w) => Int32Array.from(names, (name) => {
      const placed = PLACED[name];
      if (placed !== undefined) return placed;
      return this.index.get(`${w - half}:${name}:${featureValue(name, token, 0) as string}`) ?? ABSENT;
    }));
    if (this.textTerms.size >= TEXT_CACHE_SIZE) this.textTerms.clear();
    this.textTerms.set(text, terms);
    return terms;
  }

  /** The counts countTerms(this.terms(tokens), this.index) gives, in the same order, without building the strings. */
  private count(tokens: Token[]): SparseCounts {
    const half = Math.floor(this.window.length / 2);
    let found = 0;
    const add = (term: number): void => {
      if (term < 0) return;
      if (this.tally[term] === 0) {
        if (found === this.found.length) {
          const grown = new Int32Array(2 * found);
          grown.set(this.found);
          this.found = grown;
        }
        this.found[found++] = term;
      }
      this.tally[term] = (this.tally[term] as number) + 1;
    };
    for (let i = 0; i < tokens.length; i++) {
      for (let w = 0; w < this.window.length; w++) {
        const j = i + w - half;
        if (j < 0 || j >= tokens.length) continue;
        const terms = this.termsOfText((tokens[j] as Token).text)[w] as Int32Array;
        const place = this.placeTerms[w] as Int32Array;
        for (let k = 0; k < terms.length; k++) {
          const code = terms[k] as number;
          if (code >= 0) add(code);
          else if (code === BOS) add(place[j === 0 ? 0 : 1] as number);
          else if (code === EOS) add(place[j === tokens.length - 1 ? 2 : 3] as number);
          else if (code === POS || code === POS2) {
            const name = code === POS ? 'pos' : 'pos2';
            const v = featureValue(name, tokens, j);
            if (v !== undefined) add(this.index.get(`${w - half}:${name}:${v}`) ?? ABSENT);
          }
        }
      }
    }
    const indices = new Array<number>(found);
    const values = new Array<number>(found);
    for (let k = 0; k < found; k++) {
      const term = this.found[k] as number;
      indices[k] = term;
      values[k] = this.tally[term] as number;
      this.tally[term] = 0;
    }
    return new SparseCounts(indices, values);
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
    this.useVocabulary(new Map([...all].sort().map((f, i) => [f, i])));
  }

  process(msg: Message): void {
    msg.sparse.set(this.key, this.count(msg.tokens));
  }

  /** process()'s counts the plain way, from the feature strings (tests hold the two equal). */
  countByStrings(tokens: Token[]): Map<number, number> {
    return countTerms(this.terms(tokens), this.index);
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
