// The NLU component interface: every tokenizer, featurizer, classifier and extractor is one.
import type { ChineseScript, Domain, NluTrainingData, ParseData } from '../core/index.js';

export interface Token {
  text: string;
  /** character offsets into the message text, end exclusive */
  start: number;
  end: number;
  /** part-of-speech tag, when the tokenizer tags (JiebaTokenizer with pos_tags: nr, ns, v, n, m, …) */
  pos?: string;
}

/**
 * One featurizer's set: feature index → value, in the order the featurizer found them. A
 * Map<number, number> is one; the n-gram counter returns arrays behind this interface, as building a
 * Map of a few hundred n-grams per parse cost more than counting them.
 */
export interface SparseFeatures extends Iterable<[number, number]> {
  readonly size: number;
  get(index: number): number | undefined;
  keys(): Iterable<number>;
  forEach(fn: (value: number, index: number) => void): void;
  /**
   * Where the set is a sum of per-word pieces (char_wb n-grams never cross a word boundary): each
   * word's terms, a term once per occurrence, so that the counts are all the pieces' terms together.
   * A classifier may then sum a word's rows once and reuse the sum, since most words recur.
   */
  readonly pieces?: SparsePieces;
}

/** `terms[k]` are the terms of the word `words[k]`: equal words, equal terms. */
export interface SparsePieces {
  readonly words: readonly string[];
  readonly terms: readonly Int32Array[];
}

/** A message as it moves through the pipeline; components read and add to it. */
export interface Message {
  readonly text: string;
  tokens: Token[];
  /** named feature sets (sparse index → value), filled by featurizers */
  sparse: Map<string, SparseFeatures>;
  /**
   * a featurizer's weight for its set relative to the others' (default 1), where a classifier
   * L2-normalises each set on its own; only DIETClassifier's intent input reads it today
   */
  sparseWeights?: Map<string, number>;
  parse: ParseData;
  readonly metadata: Record<string, unknown>;
}

export interface TrainingContext {
  data: NluTrainingData;
  domain: Domain;
  language: string;
  /** deterministic training for a given seed */
  seed: number;
  /** `simplified`: the training texts are read with traditional characters folded (chinese-script-fold.ts), so words a component reads from elsewhere (a dictionary file) must be too */
  chineseScript?: ChineseScript;
  onProgress?: (component: string, done: number, total: number) => void;
}

export interface NluComponent {
  readonly name: string;
  process(msg: Message): void | Promise<void>;
}

/** A component that learns from data; `persist` returns JSON that its factory can load again. */
export interface TrainableNluComponent extends NluComponent {
  train(ctx: TrainingContext, messages: Message[]): void | Promise<void>;
  persist(): unknown;
}

export const isTrainable = (c: NluComponent): c is TrainableNluComponent =>
  typeof (c as Partial<TrainableNluComponent>).train === 'function';
