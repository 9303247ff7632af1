// Training the intent network: mini-batch Adam (lazy on the sparse input rows), dropout on the hidden
// layer, softmax cross-entropy; early stopping keeps the weights of the best held-out epoch.
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';
import type { SparseVector } from '../../feature-layout.js';
import { MlpModel, type MlpWeights } from './mlp-model.js';
import { MlpStepper } from './mlp-stepper.js';
import { SimdInputLayer, type InputLayerPool } from './simd-input-layer.js';

export interface MlpTrainingSet { samples: readonly SparseVector[]; targets: Int32Array; labels: readonly string[]; inputSize: number }

export interface MlpTrainingOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  dropout: number;
  batchSize: number;
  seed: number;
  l2: number;
  /** stop after this many epochs without a better monitor score */
  patience: number;
  /** scores the model after each epoch (higher is better); without it all epochs run */
  monitor?: (model: MlpModel, epoch: number) => number;
  onEpoch?: (epoch: number) => void;
  /** where the WebAssembly input layer comes from and goes back to, across the trainings of one head */
  layers?: InputLayerPool;
}

export interface MlpTrainingResult { model: MlpModel; bestEpoch: number; epochsRun: number }

/** `w1`: zeroed, inputSize × (hidden || labels), filled here (a linear model's stays zero) */
function initWeights(set: MlpTrainingSet, hidden: number, random: () => number, w1: Float32Array): MlpWeights {
  const k = set.labels.length;
  const uniform = (out: Float32Array, a: number): Float32Array => {
    for (let i = 0; i < out.length; i++) out[i] = (random() * 2 - 1) * a;
    return out;
  };
  return {
    w1: hidden > 0 ? uniform(w1, 0.15) : w1,
    b1: new Float32Array(hidden).fill(0.01),
    w2: uniform(new Float32Array(hidden * k), Math.sqrt(6 / (hidden + k))),
    b2: new Float32Array(k),
  };
}

/**
 * The input rows and their Adam state in WebAssembly memory where SIMD is available. The gradient
 * row cache holds every row one batch can touch, so it never has to grow.
 */
function simdInputLayer(set: MlpTrainingSet, width: number, batchSize: number, layers: InputLayerPool | undefined): SimdInputLayer | undefined {
  let maxFeatures = 1;
  for (const x of set.samples) maxFeatures = Math.max(maxFeatures, x.indices.length);
  const shape = { rows: set.inputSize, width, cacheRows: Math.max(1, Math.min(set.inputSize, batchSize * maxFeatures)), maxFeatures };
  return layers ? layers.acquire(shape) : SimdInputLayer.create(shape);
}

/** Copies w into `into` (allocated on first use): the best epoch's weights reuse one buffer set. */
function keepWeights(w: MlpWeights, into: MlpWeights | undefined): MlpWeights {
  if (!into) return { w1: w.w1.slice(), b1: w.b1.slice(), w2: w.w2.slice(), b2: w.b2.slice() };
  into.w1.set(w.w1);
  into.b1.set(w.b1);
  into.w2.set(w.w2);
  into.b2.set(w.b2);
  return into;
}

export function trainMlp(set: MlpTrainingSet, opts: MlpTrainingOptions): MlpTrainingResult {
  const random = seededRandom(opts.seed);
  const width = opts.hidden > 0 ? opts.hidden : set.labels.length;
  const simd = simdInputLayer(set, width, opts.batchSize, opts.layers);
  const weights = initWeights(set, opts.hidden, random, simd?.params ?? new Float32Array(set.inputSize * width));
  const model = new MlpModel(set.labels, set.inputSize, opts.hidden, weights);
  const step = new MlpStepper(model, opts, random, simd);
  const order = Int32Array.from({ length: set.samples.length }, (_, i) => i);
  let best = { score: -Infinity, epoch: 0, weights: undefined as MlpWeights | undefined };
  let epoch = 0;
  while (epoch < opts.epochs && set.samples.length > 0) {
    shuffleInPlace(order, random);
    for (let s = 0; s < order.length; s += opts.batchSize) step.run(set, order.subarray(s, Math.min(order.length, s + opts.batchSize)));
    epoch++;
    opts.onEpoch?.(epoch);
    if (!opts.monitor) continue;
    const score = opts.monitor(model, epoch);
    if (score > best.score) best = { score, epoch, weights: keepWeights(weights, best.weights) };
    else if (epoch - best.epoch >= opts.patience) break;
  }
  if (!best.weights) {
    // out of the training memory, which the next training may reuse
    if (simd) weights.w1 = weights.w1.slice();
    if (simd) opts.layers?.release(simd);
    return { model, bestEpoch: epoch, epochsRun: epoch };
  }
  if (simd) opts.layers?.release(simd);
  return { model: new MlpModel(set.labels, set.inputSize, opts.hidden, best.weights), bestEpoch: best.epoch, epochsRun: epoch };
}
