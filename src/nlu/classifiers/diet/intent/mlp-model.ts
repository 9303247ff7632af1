// The intent network: sparse features → ReLU hidden layer → softmax over intents (or, with no hidden
// layer, a linear softmax). Weights are feature-major so a parse touches only the rows it has. This
// is the float32 model training works on; parsing uses QuantizedMlp, read from what toData stores.
import { z } from 'zod';
import type { SparseVector } from '../../feature-layout.js';
import { encodeArray, encodedArraySchema, quantizeRows } from '../codec.js';
import { addScaledRow } from './row-kernels.js';

export const mlpModelSchema = z.object({
  labels: z.array(z.string()),
  inputSize: z.number().int().min(0),
  hidden: z.number().int().min(0),
  w1: z.object({ rows: z.number().int(), width: z.number().int(), bits: z.literal(4).optional(), scales: encodedArraySchema, values: encodedArraySchema }),
  b1: encodedArraySchema,
  w2: encodedArraySchema,
  b2: encodedArraySchema,
  temperature: z.number().positive(),
});
export type MlpModelData = z.infer<typeof mlpModelSchema>;

export interface MlpWeights {
  /** inputSize × (hidden || labels) */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden × labels (empty without a hidden layer) */
  w2: Float32Array;
  b2: Float32Array;
}

/** From this size of the input matrix at 8 bits, `auto` stores 4. */
export const AUTO_INT4_FROM_BYTES = 4 * 1024 * 1024;

/** The input matrix's bits for `rows` rows of `width` weights. */
export const inputBitsFor = (asked: 4 | 8 | 'auto', rows: number, width: number): 4 | 8 => (asked !== 'auto' ? asked : rows * width >= AUTO_INT4_FROM_BYTES ? 4 : 8);

export class MlpModel {
  temperature = 1;

  constructor(readonly labels: readonly string[], readonly inputSize: number, readonly hidden: number, readonly weights: MlpWeights) {}

  /** `inputBits`: the stored input matrix's precision (inputBitsFor; 4 only for widths in blocks of 16, else 8). */
  toData(inputBits: 4 | 8 | 'auto' = 8): MlpModelData {
    const width = this.hidden > 0 ? this.hidden : this.labels.length;
    return {
      labels: [...this.labels],
      inputSize: this.inputSize,
      hidden: this.hidden,
      w1: quantizeRows(this.weights.w1, this.inputSize, width, inputBitsFor(inputBits, this.inputSize, width)),
      b1: encodeArray(this.weights.b1),
      w2: encodeArray(this.weights.w2),
      b2: encodeArray(this.weights.b2),
      temperature: this.temperature,
    };
  }

  /** Raw logits (before temperature); `hiddenOut` receives the post-ReLU activations when given. */
  logits(x: SparseVector, out: Float64Array, hiddenOut?: Float64Array): Float64Array {
    if (this.hidden === 0) {
      const k = this.labels.length;
      for (let j = 0; j < k; j++) out[j] = this.weights.b2[j] as number;
      accumulateRows(x, this.weights.w1, k, out);
      return out;
    }
    const z = this.hiddenLayer(x, hiddenOut ?? new Float64Array(this.hidden));
    return this.output(z, out);
  }

  /** ReLU(b1 + x·W1) into z. */
  hiddenLayer(x: SparseVector, z: Float64Array): Float64Array {
    const { w1, b1 } = this.weights;
    for (let u = 0; u < this.hidden; u++) z[u] = b1[u] as number;
    accumulateRows(x, w1, this.hidden, z);
    for (let u = 0; u < this.hidden; u++) if ((z[u] as number) < 0) z[u] = 0;
    return z;
  }

  /** b2 + z·W2 into out. */
  output(z: Float64Array, out: Float64Array): Float64Array {
    return outputLayer(z, this.hidden, this.weights.w2, this.weights.b2, out);
  }
}

/** b2 + z[0..hidden)·W2 into out (units with z = 0 skipped). */
export function outputLayer(z: Float64Array, hidden: number, w2: Float32Array, b2: Float32Array, out: Float64Array): Float64Array {
  const k = b2.length;
  for (let j = 0; j < k; j++) out[j] = b2[j] as number;
  for (let u = 0; u < hidden; u++) {
    const a = z[u] as number;
    if (a !== 0) addScaledRow(out, w2, u * k, a, k);
  }
  return out;
}

/** out += Σ_n value_n · matrix[index_n, :] */
export function accumulateRows(x: SparseVector, matrix: Float32Array, width: number, out: Float64Array): void {
  const idx = x.indices;
  const val = x.values;
  for (let n = 0; n < idx.length; n++) addScaledRow(out, matrix, (idx[n] as number) * width, val[n] as number, width);
}
