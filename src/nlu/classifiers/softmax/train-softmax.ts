// Multinomial logistic regression trained with lazy Adam on sparse inputs: each mini-batch updates
// only the weight rows of features it contains, so an epoch costs O(non-zeros × labels), not O(weights).
import { seededRandom, shuffleInPlace } from '../../util/rng.js';
import { Adam } from '../adam.js';
import type { SparseVector } from '../feature-layout.js';
import { SoftmaxModel, softmaxInPlace } from './softmax-model.js';

export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty on weights; keeps confidences from saturating at 1.0 */
  l2: number;
  batchSize: number;
  seed: number;
  /** early stop: the epoch loss improved by less than this fraction for `patience` epochs in a row */
  tolerance: number;
  patience: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface TrainingSet { samples: readonly SparseVector[]; targets: Int32Array; labels: readonly string[]; inputSize: number }

// Gradient entries this small are skipped: after a few epochs most labels have ~0 probability for an
// example, so the backward pass touches only the few labels that matter (deterministic, just sparse).
const MIN_GRADIENT = 1e-6;

function forward(x: SparseVector, weights: Float64Array, bias: Float64Array, out: Float64Array): Float64Array {
  const k = bias.length;
  for (let j = 0; j < k; j++) out[j] = bias[j] as number;
  for (let n = 0; n < x.indices.length; n++) {
    const row = (x.indices[n] as number) * k;
    const val = x.values[n] as number;
    for (let j = 0; j < k; j++) out[j] = (out[j] as number) + val * (weights[row + j] as number);
  }
  return softmaxInPlace(out);
}

export function trainSoftmax(set: TrainingSet, opts: SoftmaxTrainingOptions): SoftmaxModel {
  const k = set.labels.length;
  // float64 while training (no conversions in the hot loops); stored as float32
  const weights = new Float64Array(set.inputSize * k);
  const bias = new Float64Array(k);
  const grad = new Float64Array(set.inputSize * k);
  const gradBias = new Float64Array(k);
  const active = new Int32Array(k);
  const adamW = new Adam(weights, grad);
  const adamB = new Adam(bias, gradBias);
  const stamp = new Int32Array(set.inputSize).fill(-1);
  const touched = new Int32Array(set.inputSize);
  const probs = new Float64Array(k);
  const order = Int32Array.from({ length: set.samples.length }, (_, i) => i);
  const random = seededRandom(opts.seed);
  let step = 0;
  let previous = Infinity;
  let stalled = 0;

  for (let epoch = 0; epoch < opts.epochs && set.samples.length > 0; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const end = Math.min(order.length, start + opts.batchSize);
      step++;
      let count = 0;
      for (let b = start; b < end; b++) {
        const i = order[b] as number;
        const x = set.samples[i] as SparseVector;
        const y = set.targets[i] as number;
        forward(x, weights, bias, probs);
        loss -= Math.log(Math.max(probs[y] as number, 1e-12));
        probs[y] = (probs[y] as number) - 1; // d(cross-entropy)/d(logits)
        let nActive = 0;
        for (let j = 0; j < k; j++) {
          const g = probs[j] as number;
          gradBias[j] = (gradBias[j] as number) + g;
          if (g > MIN_GRADIENT || g < -MIN_GRADIENT) active[nActive++] = j;
        }
        for (let n = 0; n < x.indices.length; n++) {
          const d = x.indices[n] as number;
          if (stamp[d] !== step) { stamp[d] = step; touched[count++] = d; }
          const row = d * k;
          const val = x.values[n] as number;
          for (let a = 0; a < nActive; a++) {
            const j = active[a] as number;
            grad[row + j] = (grad[row + j] as number) + val * (probs[j] as number);
          }
        }
      }
      const rate = Adam.rate(opts.learningRate, step);
      const scale = 1 / (end - start);
      for (let t = 0; t < count; t++) {
        const row = (touched[t] as number) * k;
        adamW.step(row, row + k, { rate, scale, l2: opts.l2 });
      }
      adamB.step(0, k, { rate, scale, l2: 0 });
    }
    loss /= set.samples.length;
    opts.onEpoch?.(epoch + 1, loss);
    stalled = previous - loss < opts.tolerance * previous ? stalled + 1 : 0;
    if (stalled >= opts.patience) break;
    previous = loss;
  }
  return new SoftmaxModel(set.labels, set.inputSize, Float32Array.from(weights), Float32Array.from(bias));
}
