// The intent network's input layer in training, with WebAssembly SIMD: the hidden layer's sums
// (simd-forward-kernel.ts) and the lazy Adam step on the input rows a mini-batch touched
// (simd-adam-kernel.ts), a few thousand rows × the hidden width per step. Together they were about
// 60 % of training on CLINC150. Both kernels compute what their JavaScript twins (addScaledRow,
// Adam32.step) compute, to the bit.
//
// The kernels read one memory, so the weights, Adam's moments, the gradient row cache and the
// scratch live together in a memory sized once for the whole training: it never grows (see
// tagging/simd-emissions.ts for why a growing memory slows the whole process).
import type { SparseVector } from '../../feature-layout.js';
import { bind, newMemory, simdSupported, type WasmMemory } from '../wasm-simd.js';
import { adamRange, BETA1, BETA2, EPSILON, type AdamStep } from './adam32.js';
import { ADAM_ROWS, type AdamRowsKernel } from './simd-adam-kernel.js';
import { FORWARD_ROWS, type ForwardRowsKernel } from './simd-forward-kernel.js';

const supported = simdSupported(ADAM_ROWS) && simdSupported(FORWARD_ROWS);

const CONSTS_BYTES = 64;
/** Larger trainings keep the JavaScript path (a wasm32 memory holds at most 4 GiB). */
const MAX_BYTES = 2 ** 31;
const align16 = (n: number): number => Math.ceil(n / 16) * 16;

export interface InputLayerShape {
  /** input rows (features) */
  rows: number;
  /** floats per row: the hidden units, or the labels without a hidden layer */
  width: number;
  /** rows of the gradient cache: every row one batch can touch */
  cacheRows: number;
  /** the most features one example has */
  maxFeatures: number;
}

/** Where each part lies, in bytes from the start of the memory. */
function layout(s: InputLayerShape): { params: number; m: number; v: number; grad: number; touched: number; z: number; idx: number; val: number; end: number } {
  const size = 4 * s.rows * s.width;
  const params = CONSTS_BYTES;
  const m = align16(params + size);
  const v = align16(m + size);
  const grad = align16(v + size);
  const touched = align16(grad + 4 * s.cacheRows * s.width);
  const z = align16(touched + 4 * s.rows);
  const idx = align16(z + 8 * s.width);
  const val = align16(idx + 4 * s.maxFeatures);
  return { params, m, v, grad, touched, z, idx, val, end: val + 4 * s.maxFeatures };
}

export class SimdInputLayer {
  /** the input-layer weights, rows × width */
  readonly params: Float32Array;
  /** the gradient row cache: cache row s belongs to input row touched[s] */
  readonly grad: Float32Array;
  readonly touched: Int32Array;
  /** the hidden layer's sums of the last forward() */
  readonly z: Float64Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly idx: Int32Array;
  private readonly val: Float32Array;
  private readonly consts: Float64Array;
  private readonly adam: AdamRowsKernel;
  private readonly sum: ForwardRowsKernel;

  private constructor(memory: WasmMemory, private readonly shape: InputLayerShape) {
    const b = memory.buffer;
    const at = layout(shape);
    const size = shape.rows * shape.width;
    this.consts = new Float64Array(b, 0, CONSTS_BYTES / 8);
    this.consts.set([0, 0, 0, BETA1, 1 - BETA1, BETA2, 1 - BETA2, EPSILON]);
    this.params = new Float32Array(b, at.params, size);
    this.m = new Float32Array(b, at.m, size);
    this.v = new Float32Array(b, at.v, size);
    this.grad = new Float32Array(b, at.grad, shape.cacheRows * shape.width);
    this.touched = new Int32Array(b, at.touched, shape.rows);
    this.z = new Float64Array(b, at.z, shape.width);
    this.idx = new Int32Array(b, at.idx, shape.maxFeatures);
    this.val = new Float32Array(b, at.val, shape.maxFeatures);
    this.adam = bind<AdamRowsKernel>(ADAM_ROWS, memory);
    this.sum = bind<ForwardRowsKernel>(FORWARD_ROWS, memory);
  }

  /** Whether a training of this shape can use this layer. */
  fits(s: InputLayerShape): boolean {
    const own = this.shape;
    return own.rows === s.rows && own.width === s.width && own.cacheRows >= s.cacheRows && own.maxFeatures >= s.maxFeatures;
  }

  /** Zeroes the weights and Adam's moments for the next training (the gradient cache is left zero by every step). */
  reset(): void {
    this.params.fill(0);
    this.m.fill(0);
    this.v.fill(0);
  }

  /** Undefined where SIMD is unavailable or the memory would be too large (the caller then trains in JavaScript). */
  static create(shape: InputLayerShape): SimdInputLayer | undefined {
    const bytes = layout(shape).end;
    if (!supported || bytes > MAX_BYTES) return undefined;
    try {
      return new SimdInputLayer(newMemory(bytes), shape);
    } catch {
      return undefined;
    }
  }

  /** z = bias + Σ x.values[n] · row x.indices[n], the rows added in order (as addScaledRow adds them). */
  forward(x: SparseVector, bias: Float32Array): Float64Array {
    const z = this.z;
    const width = this.shape.width;
    for (let u = 0; u < width; u++) z[u] = bias[u] as number;
    const n = x.indices.length;
    this.idx.set(x.indices);
    this.val.set(x.values);
    const groups = width >> 2;
    this.sum(z.byteOffset, this.params.byteOffset, this.idx.byteOffset, this.val.byteOffset, n, groups, 4 * width);
    // the last width mod 4 units, in JavaScript
    for (let u = 4 * groups; u < width; u++) {
      let s = z[u] as number;
      for (let k = 0; k < n; k++) s = s + (x.values[k] as number) * (this.params[(x.indices[k] as number) * width + u] as number);
      z[u] = s;
    }
    return z;
  }

  /**
   * Adam32.step on input row touched[s] with gradient cache row s, for every s < count; the gradient
   * cache rows are cleared.
   */
  stepRows(count: number, o: AdamStep): void {
    const c = this.consts;
    c[0] = o.rate;
    c[1] = o.scale;
    c[2] = o.l2;
    const width = this.shape.width;
    const groups = width >> 2;
    const { params, m, v, grad, touched } = this;
    this.adam(params.byteOffset, m.byteOffset, v.byteOffset, grad.byteOffset, touched.byteOffset, count, groups, 4 * width, 0);
    if (4 * groups === width) return;
    // the last width mod 4 floats of each row, in JavaScript
    for (let s = 0; s < count; s++) adamRange(params, m, v, grad, (touched[s] as number) * width, s * width, 4 * groups, width, o);
  }
}

/**
 * Layers handed from one training to the next of the same shape (ensemble members, cross-validation
 * folds, the refit): a memory is freed only when the garbage collector gets to it, which a training
 * loop that allocates little rarely asks for, so a fresh memory per network kept several alive at
 * once (CLINC150 with a 4-network ensemble peaked at 1.8 GB). One pool per intent head: when the
 * head is trained the pool goes, and its memory with it.
 */
export class InputLayerPool {
  private spare: SimdInputLayer | undefined;

  /** A zeroed layer of this shape, the spare one if it fits; undefined where SIMD is unavailable or the memory would be too large. */
  acquire(shape: InputLayerShape): SimdInputLayer | undefined {
    const kept = this.spare;
    this.spare = undefined;
    if (kept?.fits(shape)) {
      kept.reset();
      return kept;
    }
    return SimdInputLayer.create(shape);
  }

  /** For the next acquire(): the caller no longer uses the layer's arrays. */
  release(layer: SimdInputLayer): void {
    this.spare = layer;
  }
}
