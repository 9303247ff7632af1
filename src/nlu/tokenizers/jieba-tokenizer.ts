// JiebaTokenizer: Chinese word segmentation with a dictionary per model's words (never process-global),
// tokens aligned with the original text, no whitespace or punctuation tokens.
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Jieba } from '@node-rs/jieba';
import { foldChinese, toHalfWidth } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import type { Message, Token, TrainableNluComponent, TrainingContext } from '../component.js';
import { isStringList } from '../featurizers/vocabulary.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { bundledDictionary, dictionaryLinesFor } from './bundled-dictionary.js';
import { continuesEmoji } from './emoji.js';
import { compileTokenPattern, refineTokens, tokenizerOptionsShape } from './tokenizer-options.js';
import { dictionaryText, readDictionaryPath, vocabularyWords } from './user-dictionary.js';

/**
 * `bundledText`: the part of jieba's bundled dictionary this model uses, its lines as jieba reads them
 * (each ending in a newline): one string, not a list, because jieba takes it whole and a list of
 * ~50,000 lines cost ~30 ms to split and join again as a model loaded. `bundledLines`: the same as a
 * list, as models trained before it wrote. Neither: all of the bundled dictionary.
 */
export interface JiebaState { words: string[]; fileLines: string[]; bundledText?: string; bundledLines?: string[] }

const require = createRequire(import.meta.url);

// Segmenters by user dictionary, while some model still holds them: loading a model whose words a
// loaded model already has (a reload, tests, training then serving) skips the ~100 ms dictionary
// build. A segmenter is never changed once built, so models with the same words can share one.
const segmenters = new Map<string, WeakRef<Jieba>>();
const forget = new FinalizationRegistry<string>((key) => {
  if (segmenters.get(key)?.deref() === undefined) segmenters.delete(key);
});

/** The bundled dictionary (or this model's part of it) plus this model's words; loaded lazily so English bots never pay. */
export function segmenterFor(state: JiebaState): Jieba {
  const userDict = state.words.length > 0 || state.fileLines.length > 0 ? dictionaryText(state.words, state.fileLines) : '';
  const base = state.bundledText ?? (state.bundledLines === undefined ? undefined : state.bundledLines.join('\n') + '\n');
  const key = `${base ?? '*'}\0${userDict}`;
  const cached = segmenters.get(key)?.deref();
  if (cached) return cached;
  const lib = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const jieba = lib.Jieba.withDict(base === undefined ? bundledDictionary() : Buffer.from(base, 'utf8'));
  if (userDict !== '') jieba.loadDict(Buffer.from(userDict, 'utf8'));
  segmenters.set(key, new WeakRef(jieba));
  forget.register(jieba, key);
  return jieba;
}

/** a segment with a letter, a digit or an emoji (emoji.ts) is a token; spaces and punctuation are not */
const HAS_CONTENT = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/**
 * Map segments back onto the text; segments that are only spaces or punctuation are not tokens.
 * `tags[i]`, when given, is segment i's part-of-speech tag (jieba's tag(), same segmentation as cut()).
 */
export function alignSegments(text: string, segments: readonly string[], tags?: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  segments.forEach((seg, i) => {
    if (seg.length === 0) return;
    const start = text.startsWith(seg, pos) ? pos : text.indexOf(seg, pos);
    if (start < 0) return; // cannot happen with jieba's lossless cut; never emit a misaligned token
    pos = start + seg.length;
    // jieba cuts 👍🏽 and ❤️ in two and 👨‍👩‍👧 in five: the parts join the emoji they belong to
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.end === start && continuesEmoji(last.text, seg, text[start - 1])) {
      last.text += seg;
      last.end = pos;
      return;
    }
    if (!HAS_CONTENT.test(seg)) return;
    const tag = tags?.[i];
    tokens.push(tag === undefined ? { text: seg, start, end: pos } : { text: seg, start, end: pos, pos: tag });
  });
  return tokens;
}

/**
 * Which words of jieba's bundled dictionary a model keeps: all of them, or those occurring in its
 * training texts (bundled-dictionary.ts), which loads in milliseconds instead of ~300 ms.
 */
export type BundledWords = 'all' | 'seen_in_training';

/** Every text the tokenizer sees in training, and the model's own words. */
function* trainingTexts(ctx: TrainingContext, words: readonly string[]): Generator<string> {
  for (const ex of ctx.data.examples) yield ex.text;
  yield* words;
}

export class JiebaTokenizer implements TrainableNluComponent {
  readonly name = 'JiebaTokenizer';
  private jieba: Jieba | undefined;
  private state: JiebaState;

  constructor(private readonly opts: { dictionaryPath: string | null; pattern: RegExp | undefined; posTags?: boolean; bundledWords?: BundledWords; commonWords?: number; halfWidth?: boolean; state?: JiebaState }) {
    this.state = opts.state ?? { words: [], fileLines: [] };
    if (opts.state) this.jieba = segmenterFor(opts.state);
  }

  train(ctx: TrainingContext): void {
    const lines = this.opts.dictionaryPath ? readDictionaryPath(this.opts.dictionaryPath) : [];
    // a dictionary written in traditional characters, for texts read as simplified ones
    const fileLines = ctx.chineseScript === 'simplified' ? lines.map(foldChinese) : lines;
    const words = vocabularyWords(ctx.data);
    this.state = this.opts.bundledWords === 'seen_in_training'
      ? { words, fileLines, bundledText: dictionaryLinesFor(trainingTexts(ctx, words), this.opts.commonWords ?? 0).map((line) => `${line}\n`).join('') }
      : { words, fileLines };
    this.jieba = segmenterFor(this.state);
  }

  tokenize(original: string): Token[] {
    if (!this.jieba) throw new ParleyError('NLU_FAILED', 'JiebaTokenizer used before training or loading');
    // one character for one, so the tokens' offsets still point into the original text
    const text = this.opts.halfWidth === true ? toHalfWidth(original) : original;
    if (this.opts.posTags === true) {
      const tagged = this.jieba.tag(text, true);
      return refineTokens(alignSegments(text, tagged.map((t) => t.word), tagged.map((t) => t.tag)), this.opts.pattern);
    }
    return refineTokens(alignSegments(text, this.jieba.cut(text, true)), this.opts.pattern);
  }

  process(msg: Message): void {
    msg.tokens = this.tokenize(msg.text);
  }

  persist(): JiebaState {
    return this.state;
  }
}

// one `every` per list instead of z.array(z.string()), which checks thousands of words one schema call each
const stringList = z.custom<string[]>(isStringList, { message: 'must be a list of strings' });
const stateSchema = z.object({ words: stringList, fileLines: stringList, bundledText: z.string().optional(), bundledLines: stringList.optional() });

export const jiebaTokenizerSpec = defineComponent({
  stage: 'tokenizer',
  options: z.object({
    ...tokenizerOptionsShape,
    dictionary_path: z.string().nullable().default(null),
    /** tag each token with jieba's part of speech (token.pos), for LexicalSyntacticFeaturizer's pos / pos2 */
    pos_tags: z.boolean().default(false),
    bundled_dictionary: z.enum(['all', 'seen_in_training']).default('seen_in_training'),
    /**
     * with seen_in_training: also keep the bundled dictionary's this many most frequent words, so
     * unseen texts segment more nearly as with all of them. 5-fold CV errors on train (all / seen
     * only / seen + 50,000): SMP2017 246 / 250 / 243, CAIS 371 / 373 / 370.
     */
    common_words: z.number().int().min(0).default(50_000),
    /**
     * tokens read full-width ASCII as Chinese input methods type it (１３８, ＯＫ, ＋８６, the ideographic
     * space) as the ASCII it stands for, so it meets the n-grams learnt from half-width text; offsets
     * and entity values keep the original text
     */
    half_width: z.boolean().default(false),
  }).strict(),
  create: (options, env) => new JiebaTokenizer({
    dictionaryPath: options.dictionary_path,
    posTags: options.pos_tags,
    bundledWords: options.bundled_dictionary,
    commonWords: options.common_words,
    halfWidth: options.half_width,
    pattern: compileTokenPattern(options.token_pattern),
    state: env.state === undefined ? undefined : parseState(stateSchema, env),
  }),
});
