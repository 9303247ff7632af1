// A trained softmax layer over sparse features: weights stored feature-major so a parse only touches
// the rows of the features present in the message.
import { z } from 'zod';
import { decodeFloats, encodeFloats } from '../../util/float-codec.js';
import type { SparseVector } from '../feature-layout.js';

export const softmaxModelSchema = z.object({
  labels: z.array(z.string()),
  inputSize: z.number().int().min(0),
  weights: z.string(),
  bias: z.string(),
});
export type SoftmaxModelData = z.infer<typeof softmaxModelSchema>;

export interface Scored { label: string; confidence: number }

export class SoftmaxModel {
  constructor(
    readonly labels: readonly string[],
    readonly inputSize: number,
    /** inputSize × labels.length, row = feature */
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static fromData(data: SoftmaxModelData): SoftmaxModel {
    const k = data.labels.length;
    return new SoftmaxModel(data.labels, data.inputSize, decodeFloats(data.weights, data.inputSize * k, 'weights'), decodeFloats(data.bias, k, 'bias'));
  }

  toData(): SoftmaxModelData {
    return { labels: [...this.labels], inputSize: this.inputSize, weights: encodeFloats(this.weights), bias: encodeFloats(this.bias) };
  }

  probabilities(x: SparseVector): Float64Array {
    const k = this.labels.length;
    const logits = new Float64Array(k);
    for (let j = 0; j < k; j++) logits[j] = this.bias[j] as number;
    for (let n = 0; n < x.indices.length; n++) {
      const row = (x.indices[n] as number) * k;
      const v = x.values[n] as number;
      for (let j = 0; j < k; j++) logits[j] = (logits[j] as number) + v * (this.weights[row + j] as number);
    }
    return softmaxInPlace(logits);
  }

  /** Labels by descending confidence (ties by label name, so output is stable). */
  rank(x: SparseVector): Scored[] {
    const p = this.probabilities(x);
    return this.labels
      .map((label, j) => ({ label, confidence: p[j] as number }))
      .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
  }
}

export function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let sum = 0;
  for (let j = 0; j < logits.length; j++) {
    const e = Math.exp((logits[j] as number) - max);
    logits[j] = e;
    sum += e;
  }
  for (let j = 0; j < logits.length; j++) logits[j] = (logits[j] as number) / sum;
  return logits;
}
