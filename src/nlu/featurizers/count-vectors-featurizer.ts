// CountVectorsFeaturizer: bag of word or character n-grams over the tokens, as sparse counts.
import { z } from 'zod';
import type { Message, TrainableNluComponent } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { extractTerms, type NgramOptions } from './ngrams.js';
import { TermTable } from './term-table.js';
import { buildVocabulary, countTerms, vocabularyStateSchema } from './vocabulary.js';
import { lowerCase } from '../util/lower-case.js';

const options = z.object({
  analyzer: z.enum(['word', 'char', 'char_wb']).default('word'),
  min_ngram: z.number().int().min(1).default(1),
  max_ngram: z.number().int().min(1).default(1),
  lowercase: z.boolean().default(true),
  strip_accents: z.enum(['ascii', 'unicode']).nullable().default(null),
  stop_words: z.union([z.array(z.string()), z.literal('english')]).nullable().default(null),
  min_df: z.number().positive().default(1),
  max_df: z.number().positive().default(1),
  max_features: z.number().int().positive().nullable().default(null),
  /**
   * sklearn's `binary`: a term counts 1 however often it occurs. Counts let one repeated word
   * ("please please please …", a stutter, a pasted line) outweigh the rest of the message once the
   * features are normalised.
   */
  binary: z.boolean().default(false),
  /**
   * Parley's: what the character analyzers read. `tokens` (Rasa's way): the tokenizer's words.
   * `text`: the message text cut at whitespace only, so in Chinese, where jieba's word boundaries
   * are guesses, an n-gram may span two of its words (外卖 and 送到 give 卖送).
   */
  char_units: z.enum(['tokens', 'text']).default('tokens'),
  OOV_token: z.string().nullable().default(null),
  OOV_words: z.array(z.string()).default([]),
  // accepted for Rasa configs; shared vocabularies and lemmas need spaCy / label featurisation we do not do
  use_shared_vocab: z.boolean().optional(),
  use_lemma: z.boolean().optional(),
  alias: z.string().nullable().optional(),
  // Rasa passes this to sklearn; our word n-grams come from the pipeline's tokenizer, whose own
  // token_pattern already decides what a token is
  token_pattern: z.string().nullable().optional(),
}).strict().refine((o) => o.min_ngram <= o.max_ngram, { message: 'min_ngram must be ≤ max_ngram' });

type Options = z.output<typeof options>;

const WHITESPACE = /\s+/;

const stripAccents = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

export class CountVectorsFeaturizer implements TrainableNluComponent {
  readonly name = 'CountVectorsFeaturizer';
  private vocabulary: readonly string[] = [];
  /** term → index, built on first use: only OOV replacement and the astral-character fallback need it */
  private indexCache: Map<string, number> | undefined;
  private table = new TermTable([]);
  private readonly oovWords: Set<string>;
  private readonly ngram: NgramOptions;

  constructor(private readonly key: string, private readonly opts: Options, vocabulary?: string[]) {
    this.ngram = { analyzer: opts.analyzer, minN: opts.min_ngram, maxN: opts.max_ngram };
    this.oovWords = new Set(opts.OOV_words.map((w) => this.normalise(w)));
    if (vocabulary) this.setVocabulary(vocabulary);
  }

  private setVocabulary(vocabulary: readonly string[]): void {
    this.vocabulary = vocabulary;
    this.indexCache = undefined;
    this.table = new TermTable(vocabulary);
  }

  private get index(): ReadonlyMap<string, number> {
    this.indexCache ??= new Map(this.vocabulary.map((t, i) => [t, i]));
    return this.indexCache;
  }

  private normalise(word: string): string {
    const w = this.opts.lowercase ? lowerCase(word) : word;
    return this.opts.strip_accents ? stripAccents(w) : w;
  }

  /** the character analyzers read the text's whitespace-separated units rather than the tokens */
  private get readsText(): boolean {
    return this.opts.char_units === 'text' && this.ngram.analyzer !== 'word';
  }

  /** Words after normalisation and OOV replacement (training: listed OOV_words; parsing: unseen words). */
  private words(msg: Message, training: boolean): string[] {
    const oov = this.opts.OOV_token;
    const units = this.readsText ? msg.text.split(WHITESPACE).filter((u) => u !== '') : msg.tokens.map((t) => t.text);
    return units.map((u) => {
      const w = this.normalise(u);
      if (oov === null) return w;
      if (training) return this.oovWords.has(w) ? oov : w;
      return this.ngram.analyzer === 'word' && !this.index.has(w) ? oov : w;
    });
  }

  train(_ctx: unknown, messages: Message[]): void {
    const docs = messages.map((m) => extractTerms(this.words(m, true), this.ngram));
    const stopWords = new Set(Array.isArray(this.opts.stop_words) ? this.opts.stop_words.map((w) => this.normalise(w)) : []);
    const vocabulary = buildVocabulary(docs, { minDf: this.opts.min_df, maxDf: this.opts.max_df, maxFeatures: this.opts.max_features, stopWords });
    this.setVocabulary(vocabulary);
  }

  process(msg: Message): void {
    const words = this.words(msg, false);
    msg.sparse.set(this.key, this.table.count(words, this.ngram, this.opts.binary, !this.readsText) ?? this.slowCounts(words));
  }

  /** The counts without the term table (astral characters), as a Map. */
  private slowCounts(words: readonly string[]): Map<number, number> {
    const counts = countTerms(extractTerms(words, this.ngram), this.index);
    if (this.opts.binary) for (const k of counts.keys()) counts.set(k, 1);
    return counts;
  }

  persist(): { vocabulary: string[] } {
    return { vocabulary: [...this.index.keys()] };
  }
}

export const countVectorsFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => {
    if (env.state === undefined) return new CountVectorsFeaturizer(env.key, opts);
    return new CountVectorsFeaturizer(env.key, opts, parseState(vocabularyStateSchema, env).vocabulary);
  },
});
