// One mini-batch of the intent network's training: forward, backward, then one lazy Adam step on the
// input rows the batch touched. This is the hot loop of training (CLINC150: ~95 % of the time), so:
// the gradient of those rows goes to a compact row cache (a few thousand rows, cache-friendly)
// instead of a second inputSize × hidden matrix; the backward pass visits only the hidden units that
// are kept by dropout and active after the ReLU, and only the labels with a real gradient; the dense
// inner loops are unrolled by four (V8 does not vectorise; this halves their cost). Every sum keeps
// the order of the straightforward loops, so the trained weights are the same to the bit.
import type { SparseVector } from '../../feature-layout.js';
import { softmaxInPlace } from '../../softmax/softmax-model.js';
import { Adam } from '../../adam.js';
import { Adam32 } from './adam32.js';
import type { SimdInputLayer } from './simd-input-layer.js';
import type { MlpModel } from './mlp-model.js';
import { addScaledRow } from './row-kernels.js';

export interface MlpStepOptions { learningRate: number; dropout: number; l2: number }

export interface MlpBatchSet { samples: readonly SparseVector[]; targets: Int32Array }

// gradient entries this small are skipped: most intents have ~0 probability for an example
const MIN_GRADIENT = 1e-5;

export class MlpStepper {
  private readonly k: number;
  private readonly width: number;
  /** gradient rows of the input features touched by the current batch (slot-major) */
  private rowGrad: Float32Array;
  private readonly gb1: Float32Array;
  private readonly gw2: Float32Array;
  private readonly gb2: Float32Array;
  /** Adam on the input rows: in WebAssembly (with rowGrad in its memory) where SIMD is available */
  private readonly adamW1: Adam32 | undefined;
  private readonly simd: SimdInputLayer | undefined;
  private readonly adam: { b1: Adam; w2: Adam; b2: Adam };
  /** the step in which a feature last got a slot, and that slot */
  private readonly stamp: Int32Array;
  private readonly slotOf: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** hidden pre-activations / activations, by unit (zero for dropped or inactive units) */
  private readonly z: Float64Array;
  /** the kept and active hidden units, ascending */
  private readonly units: Int32Array;
  /** d(loss)/dz of each listed unit */
  private readonly dz: Float64Array;
  private readonly probs: Float64Array;
  private readonly active: Int32Array;
  private steps = 0;

  /** `simd`, when given, holds model.weights.w1 (its params) and every gradient row a batch can touch */
  constructor(private readonly model: MlpModel, private readonly opts: MlpStepOptions, private readonly random: () => number, simd?: SimdInputLayer) {
    const w = model.weights;
    this.k = model.labels.length;
    this.width = model.hidden > 0 ? model.hidden : this.k;
    this.simd = simd;
    this.rowGrad = simd ? simd.grad : new Float32Array(Math.min(model.inputSize, 1024) * this.width);
    this.gb1 = new Float32Array(w.b1.length);
    this.gw2 = new Float32Array(w.w2.length);
    this.gb2 = new Float32Array(w.b2.length);
    this.adamW1 = simd ? undefined : new Adam32(w.w1);
    this.adam = { b1: new Adam(w.b1, this.gb1), w2: new Adam(w.w2, this.gw2), b2: new Adam(w.b2, this.gb2) };
    this.stamp = new Int32Array(model.inputSize).fill(-1);
    this.slotOf = new Int32Array(model.inputSize);
    this.touched = simd ? simd.touched : new Int32Array(model.inputSize);
    this.z = simd && model.hidden > 0 ? simd.z : new Float64Array(Math.max(1, model.hidden));
    this.units = new Int32Array(this.width);
    this.dz = new Float64Array(this.width);
    this.probs = new Float64Array(this.k);
    this.active = new Int32Array(this.k);
  }

  run(set: MlpBatchSet, batch: Int32Array): void {
    this.steps++;
    this.touchedCount = 0;
    for (let b = 0; b < batch.length; b++) {
      const i = batch[b] as number;
      const x = set.samples[i] as SparseVector;
      this.assignSlots(x);
      this.example(x, set.targets[i] as number);
    }
    const o = { rate: Adam.rate(this.opts.learningRate, this.steps), scale: 1 / batch.length, l2: this.opts.l2 };
    const width = this.width;
    const { simd, adamW1 } = this;
    if (simd) simd.stepRows(this.touchedCount, o);
    else if (adamW1) for (let s = 0; s < this.touchedCount; s++) adamW1.step((this.touched[s] as number) * width, this.rowGrad, s * width, width, o);
    const dense = { ...o, l2: 0 };
    this.adam.b1.step(0, this.gb1.length, dense);
    this.adam.w2.step(0, this.gw2.length, o);
    this.adam.b2.step(0, this.gb2.length, dense);
  }

  /** Gives every feature of x a gradient row in this step's cache. */
  private assignSlots(x: SparseVector): void {
    const idx = x.indices;
    for (let n = 0; n < idx.length; n++) {
      const d = idx[n] as number;
      if (this.stamp[d] === this.steps) continue;
      this.stamp[d] = this.steps;
      const slot = this.touchedCount++;
      this.slotOf[d] = slot;
      this.touched[slot] = d;
      if ((slot + 1) * this.width > this.rowGrad.length) this.growRowGrad();
    }
  }

  private growRowGrad(): void {
    // the WebAssembly cache was sized for the largest batch and cannot move
    if (this.simd) throw new Error('gradient row cache overflow');
    const bigger = new Float32Array(Math.min(this.model.inputSize * this.width, this.rowGrad.length * 2));
    bigger.set(this.rowGrad);
    this.rowGrad = bigger;
  }

  /** Adds d(cross-entropy)/d(weights) for one example to the gradient buffers. */
  private example(x: SparseVector, y: number): void {
    if (this.model.hidden === 0) {
      this.model.logits(x, this.probs);
      this.outputGradient(y);
      this.linearInputGradient(x);
      return;
    }
    const m = this.forward(x);
    this.output(m);
    const nActive = this.outputGradient(y);
    this.hiddenGradient(m, nActive);
    this.inputGradient(x, m);
  }

  /** z = ReLU(b1 + x·W1) with inverted dropout; lists the kept, active units; returns their count. */
  private forward(x: SparseVector): number {
    const { units, z } = this;
    const h = this.model.hidden;
    const { w1, b1 } = this.model.weights;
    if (this.simd) {
      this.simd.forward(x, b1);
    } else {
      for (let u = 0; u < h; u++) z[u] = b1[u] as number;
      const idx = x.indices;
      const val = x.values;
      for (let n = 0; n < idx.length; n++) addScaledRow(z, w1, (idx[n] as number) * h, val[n] as number, h);
    }
    const dropout = this.opts.dropout;
    const keep = 1 - dropout;
    let m = 0;
    // one draw per unit, in unit order, whether or not the unit is active: the random stream stays fixed
    for (let u = 0; u < h; u++) {
      const kept = dropout > 0 ? this.random() < keep : true;
      const s = z[u] as number;
      if (!kept || s <= 0) { z[u] = 0; continue; }
      z[u] = s / keep;
      units[m++] = u;
    }
    return m;
  }

  /** probs = b2 + z·W2 over the listed units. */
  private output(m: number): void {
    const { probs, z, units, k } = this;
    const { w2, b2 } = this.model.weights;
    for (let j = 0; j < k; j++) probs[j] = b2[j] as number;
    for (let q = 0; q < m; q++) {
      const u = units[q] as number;
      addScaledRow(probs, w2, u * k, z[u] as number, k);
    }
  }

  /** softmax − one-hot into probs; adds to gb2; lists the labels with a real gradient. */
  private outputGradient(y: number): number {
    const { probs, k } = this;
    softmaxInPlace(probs);
    probs[y] = (probs[y] as number) - 1;
    let nActive = 0;
    for (let j = 0; j < k; j++) {
      const g = probs[j] as number;
      this.gb2[j] = (this.gb2[j] as number) + g;
      if (g > MIN_GRADIENT || g < -MIN_GRADIENT) this.active[nActive++] = j;
    }
    return nActive;
  }

  /** gW2 for the listed units, and their d/dz (the dropout scale is part of z, hence / keep). */
  private hiddenGradient(m: number, nActive: number): void {
    const { probs, z, units, dz, k, active, gw2 } = this;
    const w2 = this.model.weights.w2;
    const keep = 1 - this.opts.dropout;
    for (let q = 0; q < m; q++) {
      const u = units[q] as number;
      const a = z[u] as number;
      const row = u * k;
      let s = 0;
      for (let t = 0; t < nActive; t++) {
        const j = row + (active[t] as number);
        const g = probs[active[t] as number] as number;
        gw2[j] = (gw2[j] as number) + a * g;
        s += (w2[j] as number) * g;
      }
      const d = s / keep;
      dz[q] = d;
      this.gb1[u] = (this.gb1[u] as number) + d;
    }
  }

  /** rowGrad[slot of each feature] += x ⊗ dz, over the listed units only. */
  private inputGradient(x: SparseVector, m: number): void {
    const { units, dz, rowGrad, slotOf } = this;
    const width = this.width;
    const idx = x.indices;
    const val = x.values;
    for (let n = 0; n < idx.length; n++) {
      const row = (slotOf[idx[n] as number] as number) * width;
      const v = val[n] as number;
      let q = 0;
      for (; q + 3 < m; q += 4) {
        const k0 = row + (units[q] as number), k1 = row + (units[q + 1] as number), k2 = row + (units[q + 2] as number), k3 = row + (units[q + 3] as number);
        rowGrad[k0] = (rowGrad[k0] as number) + v * (dz[q] as number);
        rowGrad[k1] = (rowGrad[k1] as number) + v * (dz[q + 1] as number);
        rowGrad[k2] = (rowGrad[k2] as number) + v * (dz[q + 2] as number);
        rowGrad[k3] = (rowGrad[k3] as number) + v * (dz[q + 3] as number);
      }
      for (; q < m; q++) {
        const k0 = row + (units[q] as number);
        rowGrad[k0] = (rowGrad[k0] as number) + v * (dz[q] as number);
      }
    }
  }

  /** Without a hidden layer W1 maps inputs to logits: gW1[x rows] += x ⊗ (p − y). */
  private linearInputGradient(x: SparseVector): void {
    const { probs, k, rowGrad, slotOf } = this;
    const idx = x.indices;
    for (let n = 0; n < idx.length; n++) {
      const row = (slotOf[idx[n] as number] as number) * k;
      const v = x.values[n] as number;
      for (let j = 0; j < k; j++) {
        const g = probs[j] as number;
        if (g !== 0) rowGrad[row + j] = (rowGrad[row + j] as number) + v * g;
      }
    }
  }
}
