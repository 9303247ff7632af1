// Training the intent network: mini-batch Adam (lazy on the sparse input rows), dropout on the hidden
// layer, softmax cross-entropy; early stopping keeps the weights of the best held-out epoch.
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';
import type { SparseVector } from '../../feature-layout.js';
import { softmaxInPlace } from '../../softmax/softmax-model.js';
import { Adam } from '../../adam.js';
import { MlpModel, type MlpWeights } from './mlp-model.js';

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
  const uniform = (n: number, a: number): Float32Array => Float32Array.from({ length: n }, () => (random() * 2 - 1) * a);
  return {
    w1: hidden > 0 ? uniform(set.inputSize * width, 0.15) : new Float32Array(set.inputSize * width),
    b1: new Float32Array(hidden).fill(0.01),
    w2: uniform(hidden * k, Math.sqrt(6 / (hidden + k))),
    b2: new Float32Array(k),
  };
}

const copyWeights = (w: MlpWeights): MlpWeights => ({ w1: w.w1.slice(), b1: w.b1.slice(), w2: w.w2.slice(), b2: w.b2.slice() });

export function trainMlp(set: MlpTrainingSet, opts: MlpTrainingOptions): MlpTrainingResult {
  const random = seededRandom(opts.seed);
  const weights = initWeights(set, opts.hidden, random);
  const model = new MlpModel(set.labels, set.inputSize, opts.hidden, weights);
  const step = new BatchStepper(model, opts, random);
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
    if (score > best.score) best = { score, epoch, weights: copyWeights(weights) };
    else if (epoch - best.epoch >= opts.patience) break;
  }
  if (!best.weights) return { model, bestEpoch: epoch, epochsRun: epoch };
  return { model: new MlpModel(set.labels, set.inputSize, opts.hidden, best.weights), bestEpoch: best.epoch, epochsRun: epoch };
}

// gradient entries this small are skipped: most intents have ~0 probability for an example
const MIN_GRADIENT = 1e-5;

/** Forward + backward over one mini-batch, then one Adam step on what it touched. */
class BatchStepper {
  private readonly k: number;
  private readonly width: number;
  private readonly gw1: Float32Array;
  private readonly gb1: Float32Array;
  private readonly gw2: Float32Array;
  private readonly gb2: Float32Array;
  private readonly adam: { w1: Adam; b1: Adam; w2: Adam; b2: Adam };
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly z: Float64Array;
  private readonly dz: Float64Array;
  private readonly probs: Float64Array;
  private readonly active: Int32Array;
  private readonly nonZero: Int32Array;
  private steps = 0;

  constructor(private readonly model: MlpModel, private readonly opts: MlpTrainingOptions, private readonly random: () => number) {
    const w = model.weights;
    this.k = model.labels.length;
    this.width = model.hidden > 0 ? model.hidden : this.k;
    this.gw1 = new Float32Array(w.w1.length);
    this.gb1 = new Float32Array(w.b1.length);
    this.gw2 = new Float32Array(w.w2.length);
    this.gb2 = new Float32Array(w.b2.length);
    this.adam = { w1: new Adam(w.w1, this.gw1), b1: new Adam(w.b1, this.gb1), w2: new Adam(w.w2, this.gw2), b2: new Adam(w.b2, this.gb2) };
    this.stamp = new Int32Array(model.inputSize).fill(-1);
    this.touched = new Int32Array(model.inputSize);
    this.z = new Float64Array(Math.max(1, model.hidden));
    this.dz = new Float64Array(this.width);
    this.probs = new Float64Array(this.k);
    this.active = new Int32Array(this.k);
    this.nonZero = new Int32Array(this.width);
  }

  run(set: MlpTrainingSet, batch: Int32Array): void {
    this.steps++;
    let count = 0;
    for (const i of batch) {
      const x = set.samples[i] as SparseVector;
      this.backward(x, set.targets[i] as number);
      for (let n = 0; n < x.indices.length; n++) {
        const d = x.indices[n] as number;
        if (this.stamp[d] !== this.steps) { this.stamp[d] = this.steps; this.touched[count++] = d; }
      }
    }
    const o = { rate: Adam.rate(this.opts.learningRate, this.steps), scale: 1 / batch.length, l2: this.opts.l2 };
    for (let t = 0; t < count; t++) {
      const row = (this.touched[t] as number) * this.width;
      this.adam.w1.step(row, row + this.width, o);
    }
    const dense = { ...o, l2: 0 };
    this.adam.b1.step(0, this.gb1.length, dense);
    this.adam.w2.step(0, this.gw2.length, o);
    this.adam.b2.step(0, this.gb2.length, dense);
  }

  /** Adds d(cross-entropy)/d(weights) for one example to the gradient buffers. */
  private backward(x: SparseVector, y: number): void {
    const { model, k, probs, z, dz } = this;
    const h = model.hidden;
    const keep = 1 - this.opts.dropout;
    if (h === 0) model.logits(x, probs);
    else {
      model.hiddenLayer(x, z);
      // inverted dropout on the hidden activations
      if (this.opts.dropout > 0) for (let u = 0; u < h; u++) z[u] = this.random() < keep ? (z[u] as number) / keep : 0;
      model.output(z, probs);
    }
    softmaxInPlace(probs);
    probs[y] = (probs[y] as number) - 1;
    let nActive = 0;
    for (let j = 0; j < k; j++) {
      const g = probs[j] as number;
      this.gb2[j] = (this.gb2[j] as number) + g;
      if (g > MIN_GRADIENT || g < -MIN_GRADIENT) this.active[nActive++] = j;
    }
    if (h === 0) { this.addInputGradient(x, probs); return; }
    const w2 = model.weights.w2;
    for (let u = 0; u < h; u++) {
      const a = z[u] as number;
      if (a <= 0) { dz[u] = 0; continue; }
      const row = u * k;
      let s = 0;
      for (let t = 0; t < nActive; t++) {
        const j = this.active[t] as number;
        const g = probs[j] as number;
        this.gw2[row + j] = (this.gw2[row + j] as number) + a * g;
        s += (w2[row + j] as number) * g;
      }
      // the dropout scale is part of a (z[u] already divided by keep), so d/dz = s / keep for kept units
      dz[u] = s / keep;
      this.gb1[u] = (this.gb1[u] as number) + (dz[u] as number);
    }
    this.addInputGradient(x, dz);
  }

  /** gW1[x rows] += x ⊗ d, over the non-zero entries of d only (dropout and ReLU zero about half). */
  private addInputGradient(x: SparseVector, d: Float64Array): void {
    const width = this.width;
    let m = 0;
    for (let u = 0; u < width; u++) if ((d[u] as number) !== 0) this.nonZero[m++] = u;
    for (let n = 0; n < x.indices.length; n++) {
      const row = (x.indices[n] as number) * width;
      const v = x.values[n] as number;
      for (let q = 0; q < m; q++) {
        const u = this.nonZero[q] as number;
        this.gw1[row + u] = (this.gw1[row + u] as number) + v * (d[u] as number);
      }
    }
  }
}
