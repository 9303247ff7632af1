// The intent network: sparse features → ReLU hidden layer → softmax over intents (or, with no hidden
// layer, a linear softmax). Weights are feature-major so a parse touches only the rows it has.
import { z } from 'zod';
import type { SparseVector } from '../../feature-layout.js';
import { decodeFloat32, dequantizeRows, encodeArray, quantizeRows } from '../codec.js';

export const mlpModelSchema = z.object({
  labels: z.array(z.string()),
  inputSize: z.number().int().min(0),
  hidden: z.number().int().min(0),
  w1: z.object({ rows: z.number().int(), width: z.number().int(), scales: z.string(), values: z.string() }),
  b1: z.string(),
  w2: z.string(),
  b2: z.string(),
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

export class MlpModel {
  temperature = 1;

  constructor(readonly labels: readonly string[], readonly inputSize: number, readonly hidden: number, readonly weights: MlpWeights) {}

  static fromData(d: MlpModelData): MlpModel {
    const k = d.labels.length;
    const width = d.hidden > 0 ? d.hidden : k;
    const w = {
      w1: dequantizeRows(d.w1, 'DIET w1'),
      b1: decodeFloat32(d.b1, d.hidden, 'DIET b1'),
      w2: decodeFloat32(d.w2, d.hidden * k, 'DIET w2'),
      b2: decodeFloat32(d.b2, k, 'DIET b2'),
    };
    if (w.w1.length !== d.inputSize * width) throw new Error(`DIET w1 has ${w.w1.length} values, expected ${d.inputSize * width}`);
    const m = new MlpModel(d.labels, d.inputSize, d.hidden, w);
    m.temperature = d.temperature;
    return m;
  }

  toData(): MlpModelData {
    const width = this.hidden > 0 ? this.hidden : this.labels.length;
    return {
      labels: [...this.labels],
      inputSize: this.inputSize,
      hidden: this.hidden,
      w1: quantizeRows(this.weights.w1, this.inputSize, width),
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
    const { w2, b2 } = this.weights;
    const k = this.labels.length;
    for (let j = 0; j < k; j++) out[j] = b2[j] as number;
    for (let u = 0; u < this.hidden; u++) {
      const a = z[u] as number;
      if (a === 0) continue;
      const row = u * k;
      for (let j = 0; j < k; j++) out[j] = (out[j] as number) + a * (w2[row + j] as number);
    }
    return out;
  }
}

/** out += Σ_n value_n · matrix[index_n, :] */
export function accumulateRows(x: SparseVector, matrix: Float32Array, width: number, out: Float64Array): void {
  for (let n = 0; n < x.indices.length; n++) {
    const row = (x.indices[n] as number) * width;
    const v = x.values[n] as number;
    for (let j = 0; j < width; j++) out[j] = (out[j] as number) + v * (matrix[row + j] as number);
  }
}
