// The intent network as parsing uses it: the input matrix stays int8 (or int4) with one scale per row,
// as the model archive stores it. Loading is then a base64 decode with no per-weight work, and a server
// holds a quarter of the float32 matrix in memory. The input layer's sums are float32 (four SIMD
// lanes per instruction, twice float64's): int8 weights carry far less precision than that.
import { ParleyError } from '../../../../errors.js';
import type { SparseVector } from '../../feature-layout.js';
import { decodeFloat32, readQuantizedRows } from '../codec.js';
import type { MlpModel, MlpModelData } from './mlp-model.js';
import { outputLayer } from './mlp-model.js';
import { addScaledRowInt4, addScaledRowInt8, addScaledRows4Int8 } from './row-kernels.js';
import { SimdOutputLayer } from './simd-output-layer.js';
import { SimdRows } from './simd-rows.js';

export class QuantizedMlp {
  // one block of four rows for addScaledRows4Int8 (scratch: no allocation per parse)
  private readonly blockRows = new Int32Array(4);
  private readonly blockScales = new Float32Array(4);
  /** the input layer's float32 sums (scratch) */
  private readonly sums: Float32Array;
  /** the input rows in WebAssembly memory where SIMD is available (then w1 is not kept twice) */
  private readonly simd: SimdRows | undefined;
  private readonly w1: Int8Array;
  /** the output layer with SIMD, where available */
  private readonly output: SimdOutputLayer | undefined;

  private constructor(
    readonly labels: readonly string[],
    readonly hidden: number,
    w1: Int8Array,
    /** 8: a byte per weight; 4: nibbles (codec.ts) */
    private readonly bits: 4 | 8,
    private readonly scales: Float32Array,
    private readonly b1: Float32Array,
    private readonly w2: Float32Array,
    private readonly b2: Float32Array,
    readonly temperature: number,
  ) {
    this.simd = SimdRows.from(w1, hidden > 0 ? hidden : labels.length, bits);
    this.w1 = this.simd ? new Int8Array(0) : w1;
    this.sums = new Float32Array(hidden > 0 ? hidden : labels.length);
    this.output = SimdOutputLayer.from(w2, b2, hidden);
  }

  static fromData(d: MlpModelData): QuantizedMlp {
    const k = d.labels.length;
    const width = d.hidden > 0 ? d.hidden : k;
    if (d.w1.rows !== d.inputSize || d.w1.width !== width) {
      throw new ParleyError('MODEL_INVALID', `NLU model: DIET w1 is ${d.w1.rows} × ${d.w1.width}, expected ${d.inputSize} × ${width}`);
    }
    const w1 = readQuantizedRows(d.w1, 'DIET w1');
    return new QuantizedMlp(
      d.labels, d.hidden, w1.values, w1.bits, w1.scales,
      decodeFloat32(d.b1, d.hidden, 'DIET b1'), decodeFloat32(d.w2, d.hidden * k, 'DIET w2'), decodeFloat32(d.b2, k, 'DIET b2'),
      d.temperature,
    );
  }

  /** The network as parsing will hold it once stored with `inputBits`: what calibration must see. */
  static stored(model: MlpModel, inputBits: 4 | 8 | 'auto'): QuantizedMlp {
    return QuantizedMlp.fromData(model.toData(inputBits));
  }

  /** the input layer's width: hidden units, or labels when there is no hidden layer */
  get width(): number {
    return this.hidden > 0 ? this.hidden : this.labels.length;
  }

  /**
   * Raw logits (before temperature) into out; `z` is scratch of at least `hidden` units. `addInputs`
   * adds more of the input layer's sums (float32, `width` of them) to those of x's rows.
   */
  logits(x: SparseVector, out: Float64Array, z: Float64Array, addInputs?: (sums: Float32Array) => void): Float64Array {
    const k = this.labels.length;
    const sums = this.sums;
    if (this.hidden === 0) {
      sums.set(this.b2);
      this.accumulate(x, k, sums);
      addInputs?.(sums);
      for (let j = 0; j < k; j++) out[j] = sums[j] as number;
      return out;
    }
    const h = this.hidden;
    sums.set(this.b1);
    this.accumulate(x, h, sums);
    addInputs?.(sums);
    if (this.output) return this.output.logits(sums, out);
    for (let u = 0; u < h; u++) {
      const v = sums[u] as number;
      z[u] = v < 0 ? 0 : v;
    }
    return outputLayer(z, h, this.w2, this.b2, out);
  }

  /** out[0, width) += Σ_k values[k] · row rows[k] (dequantised), in float32. */
  addRows(out: Float32Array, rows: Int32Array, values: Float32Array): void {
    this.accumulate({ indices: rows, values }, this.width, out);
  }

  private accumulate(x: SparseVector, width: number, out: Float32Array): void {
    if (this.simd) {
      this.simd.accumulate(out, x.indices, x.values, this.scales);
      return;
    }
    const idx = x.indices;
    const val = x.values;
    if (this.bits === 4) {
      for (let n = 0; n < idx.length; n++) {
        const r = idx[n] as number;
        addScaledRowInt4(out, this.w1, (r * width) / 2, Math.fround((val[n] as number) * (this.scales[r] as number)), width);
      }
      return;
    }
    const { blockRows, blockScales } = this;
    let n = 0;
    for (; n + 3 < idx.length; n += 4) {
      for (let k = 0; k < 4; k++) {
        const r = idx[n + k] as number;
        blockRows[k] = r * width;
        blockScales[k] = (val[n + k] as number) * (this.scales[r] as number);
      }
      addScaledRows4Int8(out, this.w1, blockRows, blockScales, width);
    }
    for (; n < idx.length; n++) {
      const r = idx[n] as number;
      addScaledRowInt8(out, this.w1, r * width, Math.fround((val[n] as number) * (this.scales[r] as number)), width);
    }
  }
}
