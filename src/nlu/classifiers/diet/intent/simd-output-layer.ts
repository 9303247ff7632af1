// The intent network's output layer with WebAssembly SIMD: out = b2 + Σ_u relu(h_u) · w2[u, :], two
// labels per float64 lane pair. After the input layer went to SIMD, this loop of scalar multiply-adds
// (hidden units × labels, per parse) was a third of the intent network's time. Each label adds its
// units in the same order, multiplying as outputLayer (mlp-model.ts) does, and WebAssembly has no
// fused multiply-add: the logits are bit-identical.
import {
  END, F64, F64_ADD, F64_CONST, F64_FROM_F32, F64_LE, F64_MUL, F64_PROMOTE_F32, F64X2_SPLAT, F32_LOAD, GET, I32, I32_ADD,
  I32_CONST, I32_EQZ, I32_SHL, IF, instantiate, LOAD, LOOP, LOOP_WHILE_DOWN, RETURN_IF_ZERO, SET, simd, simdSupported,
  STORE, SWAP_HALVES, TEE, V128, kernelModule, type WasmMemory,
} from '../wasm-simd.js';

const F64_ZERO = [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0];

// out(sums, w2, out, hidden, groups): params 0–4; locals 5 p, 6 g, 7 w (i32), 8 f (f64), 9 a, 10 v (v128).
// w2 rows are padded to 4·groups labels with zeros; the out cells past the labels are scratch.
const [SUMS, W2, OUT, HIDDEN, GROUPS, P, G, W, F, A, V] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const body: number[] = [
  3, 3, I32, 1, F64, 2, V128,
  ...RETURN_IF_ZERO(HIDDEN),
  ...LOOP, // over hidden units
  GET, SUMS, F32_LOAD, 2, 0, F64_PROMOTE_F32, TEE, F,
  // relu: a unit at or below zero adds nothing (NaN, like the JavaScript loop, is added)
  ...F64_ZERO, F64_LE, I32_EQZ, ...IF,
  GET, F, ...simd(F64X2_SPLAT), SET, A,
  GET, OUT, SET, P, GET, W2, SET, W, GET, GROUPS, SET, G,
  ...LOOP, // over four labels at a time
  GET, W, ...LOAD(0), SET, V,
  GET, P, GET, P, ...LOAD(0), GET, A, GET, V, ...simd(F64_FROM_F32), ...simd(F64_MUL), ...simd(F64_ADD), ...STORE(0),
  GET, P, GET, P, ...LOAD(16), GET, A, GET, V, GET, V, ...SWAP_HALVES, ...simd(F64_FROM_F32), ...simd(F64_MUL), ...simd(F64_ADD), ...STORE(16),
  GET, P, I32_CONST, 32, I32_ADD, SET, P,
  GET, W, I32_CONST, 16, I32_ADD, SET, W,
  ...LOOP_WHILE_DOWN(G),
  END,
  END, // if
  GET, SUMS, I32_CONST, 4, I32_ADD, SET, SUMS,
  GET, W2, GET, GROUPS, I32_CONST, 4, I32_SHL, I32_ADD, SET, W2,
  ...LOOP_WHILE_DOWN(HIDDEN),
  END,
  END,
];

const MODULE = kernelModule(5, body);
const supported = simdSupported(MODULE);

type Output = (sums: number, w2: number, out: number, hidden: number, groups: number) => void;

export class SimdOutputLayer {
  private readonly kernel: Output;
  private readonly groups: number;
  private readonly sumsAt: number;
  private readonly outAt: number;
  private readonly sums: Float32Array;
  private readonly out: Float64Array;
  private readonly bias: Float64Array;

  private constructor(memory: WasmMemory, kernel: Output, private readonly hidden: number, private readonly labels: number, w2: Float32Array, b2: Float32Array) {
    this.kernel = kernel;
    this.groups = Math.ceil(labels / 4);
    const stride = 4 * this.groups;
    this.sumsAt = 4 * hidden * stride;
    this.outAt = this.sumsAt + 4 * hidden + 16;
    const padded = new Float32Array(memory.buffer, 0, hidden * stride);
    for (let u = 0; u < hidden; u++) padded.set(w2.subarray(u * labels, (u + 1) * labels), u * stride);
    this.sums = new Float32Array(memory.buffer, this.sumsAt, hidden);
    this.out = new Float64Array(memory.buffer, this.outAt, stride);
    this.bias = Float64Array.from(b2);
  }

  /** The layer over w2 (hidden × labels, row-major) and b2, or undefined where SIMD is unavailable. */
  static from(w2: Float32Array, b2: Float32Array, hidden: number): SimdOutputLayer | undefined {
    const labels = b2.length;
    if (!supported || hidden === 0 || labels === 0) return undefined;
    const stride = 4 * Math.ceil(labels / 4);
    const { memory, kernel } = instantiate<Output>(MODULE, 4 * hidden * stride + 4 * hidden + 16 + 8 * stride);
    return new SimdOutputLayer(memory, kernel, hidden, labels, w2, b2);
  }

  /** out[0, labels) = b2 + Σ_u max(sums[u], 0) · w2[u, :]: what outputLayer gives for z = relu(sums). */
  logits(sums: Float32Array, out: Float64Array): Float64Array {
    this.sums.set(sums.subarray(0, this.hidden));
    this.out.set(this.bias);
    this.kernel(this.sumsAt, 0, this.outAt, this.hidden, this.groups);
    for (let j = 0; j < this.labels; j++) out[j] = this.out[j] as number;
    return out;
  }
}
