// WordVectorFeaturizer (optional): the mean of the pretrained vectors of a message's known words
// (lowercased; unknown words skipped), as one dense feature set of `dimensions` features next to the
// sparse n-gram sets. The trained model keeps the part of the table it can meet: the training
// words' vectors and the table's most frequent words', at int8, so it loads and runs without the
// vectors installed (wink's whole table held 137 MB of a server's memory). Models of Parleys before
// kept only the vectors' fingerprint, and still load where the same vectors are installed.
import { z } from 'zod';
import { ParleyError } from '../../errors.js';
import type { Message, TrainableNluComponent } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { SparseCounts } from './sparse-counts.js';
import { DEFAULT_VECTORS, loadVectors } from './word-vector-source.js';
import { storedVectorsSchema, WordVectorTable } from './word-vector-table.js';

/**
 * CLINC150 val in-scope with wink's vectors (the bench's optional system, seed 42): the training
 * words alone 94.1, with the first 30,000 words 94.4, with all 341k 94.5 (server RSS 167 against 200 MB)
 */
const KEEP_WORDS = 30_000;

const options = z.object({
  /** a vectors JSON file path, or an installed npm package whose main file is one */
  vectors: z.string().min(1).default(DEFAULT_VECTORS),
  /** the set's weight next to the n-gram sets (each L2-normalised); 2 was best on CLINC150 val */
  weight: z.number().positive().default(2),
  /**
   * read a word missing from the table as its longest known pieces, left to right (湖南卫视 → 湖南 +
   * 卫视): for languages written without spaces, whose segmenter's words are often compounds
   */
  split_unknown: z.boolean().default(false),
  /**
   * besides the training words, how many of the table's first (most frequent) words the model
   * keeps: the words a message may bring that training never showed
   */
  keep_words: z.number().int().nonnegative().default(KEEP_WORDS),
}).strict();

const stateSchema = z.object({
  vectors: z.string(),
  fingerprint: z.string(),
  dimensions: z.number().int().positive(),
  /** the kept part of the table (absent in models of Parleys before, which need the vectors installed) */
  table: storedVectorsSchema.optional(),
}).strict();
type State = z.infer<typeof stateSchema>;

/** What the featurizer reads vectors from, and what it tells a model of them. */
interface VectorsInUse { source: string; fingerprint: string; table: WordVectorTable }

export class WordVectorFeaturizer implements TrainableNluComponent {
  readonly name = 'WordVectorFeaturizer';
  private readonly sum: Float64Array;
  /** the table process() reads: the whole file's until train() keeps its part */
  private table: WordVectorTable;

  constructor(
    private readonly key: string,
    private readonly vectors: VectorsInUse,
    private readonly weight: number,
    private readonly splitUnknown = false,
    private readonly keepWords = KEEP_WORDS,
  ) {
    this.table = vectors.table;
    this.sum = new Float64Array(vectors.table.dimensions);
  }

  /**
   * Keeps the part of the table the model needs (the training messages' words, or their known
   * pieces with split_unknown, and the first keep_words words); the training messages are then
   * featurized from that part, as parsing will be.
   */
  train(_ctx: unknown, messages: readonly Message[]): void {
    const words = new Set<string>();
    for (const m of messages) {
      for (const t of m.tokens) {
        const word = t.text.toLowerCase();
        if (words.has(word)) continue;
        words.add(word);
        if (this.splitUnknown && !this.table.has(word)) for (const p of this.table.piecesOf(word)) words.add(p);
      }
    }
    this.table = this.vectors.table.keep(words, this.keepWords);
  }

  process(msg: Message): void {
    const table = this.table;
    const sum = this.sum.fill(0);
    let known = 0;
    for (const t of msg.tokens) {
      const word = t.text.toLowerCase();
      if (table.addTo(word, sum)) known++;
      else if (this.splitUnknown) known += table.addPiecesTo(word, sum);
    }
    // two arrays, not a Map of ~100 entries built and read back on every parse
    const indices: number[] = [];
    const values: number[] = [];
    for (let d = 0; known > 0 && d < sum.length; d++) {
      if (sum[d] !== 0) {
        indices.push(d);
        values.push((sum[d] as number) / known);
      }
    }
    msg.sparse.set(this.key, new SparseCounts(indices, values));
    if (this.weight !== 1) (msg.sparseWeights ??= new Map()).set(this.key, this.weight);
  }

  persist(): State {
    const { source, fingerprint, table } = this.vectors;
    return { vectors: source, fingerprint, dimensions: table.dimensions, table: this.table.toData() };
  }
}

/** The vectors a trained model was built with: its own kept part, else (older models) the very same file installed. */
function vectorsForModel(state: State, key: string): VectorsInUse {
  if (state.table !== undefined) {
    const table = WordVectorTable.fromData(state.table);
    if (table.dimensions !== state.dimensions) throw new ParleyError('MODEL_INVALID', `NLU model: ${key} keeps vectors of ${table.dimensions} dimensions, expected ${state.dimensions}`);
    return { source: state.vectors, fingerprint: state.fingerprint, table };
  }
  let loaded;
  try {
    loaded = loadVectors(state.vectors);
  } catch (error) {
    throw new ParleyError('MODEL_INVALID', `NLU model: ${key} needs the word vectors "${state.vectors}": ${(error as Error).message}`, { cause: error });
  }
  if (loaded.fingerprint !== state.fingerprint || loaded.table.dimensions !== state.dimensions) {
    throw new ParleyError('MODEL_INVALID', `NLU model: ${key} was trained with other word vectors than ${loaded.file} (fingerprint ${state.fingerprint.slice(0, 12)}…, found ${loaded.fingerprint.slice(0, 12)}…): install the vectors it was trained with or retrain`);
  }
  return { source: state.vectors, fingerprint: loaded.fingerprint, table: loaded.table };
}

export const wordVectorFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => {
    if (env.state === undefined) {
      const loaded = loadVectors(opts.vectors);
      return new WordVectorFeaturizer(env.key, { source: opts.vectors, fingerprint: loaded.fingerprint, table: loaded.table }, opts.weight, opts.split_unknown, opts.keep_words);
    }
    return new WordVectorFeaturizer(env.key, vectorsForModel(parseState(stateSchema, env), env.key), opts.weight, opts.split_unknown, opts.keep_words);
  },
});
