// Training the intent network: mini-batch Adam (lazy on the sparse input rows), dropout on the hidden
// layer, softmax cross-entropy; early stopping keeps the weights of the best held-out epoch.
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';
import type { SparseVector } from '../../feature-layout.js';
import { MlpModel, type MlpWeights } from './mlp-model.js';
import { MlpStepper } from './mlp-stepper.js';

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
}

export interface MlpTrainingResult { model: MlpModel; bestEpoch: number; epochsRun: number }

function initWeights(set: MlpTrainingSet, hidden: number, random: () => number): MlpWeights {
  const k = set.labels.length;
  const width = hidden > 0 ? hidden : k;
  const uniform = (n: number, a: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (random() * 2 - 1) * a;
    return out;
  };
  return {
    w1: hidden > 0 ? uniform(set.inputSize * width, 0.15) : new Float32Array(set.inputSize * width),
    b1: new Float32Array(hidden).fill(0.01),
    w2: uniform(hidden * k, Math.sqrt(6 / (hidden + k))),
    b2: new Float32Array(k),
  };
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
  const weights = initWeights(set, opts.hidden, random);
  const model = new MlpModel(set.labels, set.inputSize, opts.hidden, weights);
  const step = new MlpStepper(model, opts, random);
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
  if (!best.weights) return { model, bestEpoch: epoch, epochsRun: epoch };
  return { model: new MlpModel(set.labels, set.inputSize, opts.hidden, best.weights), bestEpoch: best.epoch, epochsRun: epoch };
}
