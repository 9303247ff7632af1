// WordVectorFeaturizer (optional, English): the mean of the pretrained vectors of a message's known
// words (lowercased; unknown words skipped), as one dense feature set of `dimensions` features next
// to the sparse n-gram sets. The trained model stores only which vectors it used and their
// fingerprint, never the table: loading it needs the same vectors installed.
import { z } from 'zod';
import { ParleyError } from '../../errors.js';
import type { Message, TrainableNluComponent } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { SparseCounts } from './sparse-counts.js';
import { DEFAULT_VECTORS, loadVectors, type LoadedVectors } from './word-vector-source.js';

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
}).strict();

const stateSchema = z.object({
  vectors: z.string(),
  fingerprint: z.string(),
  dimensions: z.number().int().positive(),
}).strict();
type State = z.infer<typeof stateSchema>;

export class WordVectorFeaturizer implements TrainableNluComponent {
  readonly name = 'WordVectorFeaturizer';
  private readonly sum: Float64Array;

  constructor(private readonly key: string, private readonly source: string, private readonly loaded: LoadedVectors, private readonly weight: number, private readonly splitUnknown = false) {
    this.sum = new Float64Array(loaded.table.dimensions);
  }

  /** Nothing to learn; the vectors are fixed. */
  train(): void {}

  process(msg: Message): void {
    const { table } = this.loaded;
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
    return { vectors: this.source, fingerprint: this.loaded.fingerprint, dimensions: this.loaded.table.dimensions };
  }
}

/** The vectors a trained model was built with: present, and the very same file contents. */
function vectorsForModel(state: State, key: string): LoadedVectors {
  let loaded: LoadedVectors;
  try {
    loaded = loadVectors(state.vectors);
  } catch (error) {
    throw new ParleyError('MODEL_INVALID', `NLU model: ${key} needs the word vectors "${state.vectors}": ${(error as Error).message}`, { cause: error });
  }
  if (loaded.fingerprint !== state.fingerprint || loaded.table.dimensions !== state.dimensions) {
    throw new ParleyError('MODEL_INVALID', `NLU model: ${key} was trained with other word vectors than ${loaded.file} (fingerprint ${state.fingerprint.slice(0, 12)}…, found ${loaded.fingerprint.slice(0, 12)}…): install the vectors it was trained with or retrain`);
  }
  return loaded;
}

export const wordVectorFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => {
    if (env.state === undefined) return new WordVectorFeaturizer(env.key, opts.vectors, loadVectors(opts.vectors), opts.weight, opts.split_unknown);
    const state = parseState(stateSchema, env);
    return new WordVectorFeaturizer(env.key, state.vectors, vectorsForModel(state, env.key), opts.weight, opts.split_unknown);
  },
});
