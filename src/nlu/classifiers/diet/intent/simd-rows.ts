// The intent network's input layer with WebAssembly SIMD: out += Σ_k v_k · int8 row r_k. V8 does not
// vectorise JavaScript, and this sum over the few hundred n-gram rows of a message was the largest
// single cost of a parse. Each lane computes out[j] + v·q[j] in float64 exactly as the JavaScript
// kernel does (WebAssembly has no fused multiply-add), rows in the same order: the sums are
// bit-identical. The rows are summed where a model archive was read (../wasm-arena.ts), else
// in the module's own memory, copied there once when the model loads.
// The kernel's bytes are written with the helpers of ../wasm-simd.ts.
import {
  bind, END, F64_ADD, F64_FROM_I32, F64_LOAD, F64_MUL, F64X2_SPLAT, GET, I16_HIGH, I16_LOW, I32, I32_ADD, I32_CONST, I32_HIGH,
  I32_LOAD, I32_LOW, I32_LT_U, I32_SHL, kernelModule, LOAD, LOOP, BR_IF_LOOP, newMemory, RETURN_IF_ZERO, SET, simd, simdSupported,
  STORE, SWAP_HALVES, TEE, V128, type WasmMemory,
} from '../wasm-simd.js';
import { claimScratch } from '../wasm-arena.js';

// acc(out, rows, scales, count, width): params 0–4; locals 5 n, 6 j, 7 row, 8 optr (i32), 9 v, 10 q,
// 11 h, 12 x, 13–20 a0–a7 (v128). Sixteen columns at a time, over every row: the sixteen sums stay in
// eight registers while the rows pass, instead of a load and a store of `out` per row and column.
// Each column still adds its rows in the given order, so the bits are those of a row-by-row loop.
const [OUT, ROWS, SCALES, COUNT, WIDTH, N, J, ROW, OPTR, V, Q, H, X] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const A = [13, 14, 15, 16, 17, 18, 19, 20];

/** a += v · float64(lanes 0 and 1 of the int32 vector `lanes`) */
const addPair = (a: number, lanes: number[]): number[] =>
  [GET, a, GET, V, ...lanes, ...simd(F64_FROM_I32), ...simd(F64_MUL), ...simd(F64_ADD), SET, a];

/** Four int16 lanes of h widened to int32, added to two float64 pairs of sums. */
const addFour = (widen: number, first: number): number[] =>
  [GET, H, ...simd(widen), SET, X, ...addPair(A[first] as number, [GET, X]), ...addPair(A[first + 1] as number, [GET, X, GET, X, ...SWAP_HALVES])];

const body: number[] = [
  2, 4, I32, 12, V128, // locals
  ...RETURN_IF_ZERO(COUNT),
  I32_CONST, 0, SET, J,
  ...LOOP, // over 16 columns at a time
  GET, OUT, GET, J, I32_CONST, 3, I32_SHL, I32_ADD, SET, OPTR,
  ...A.flatMap((a, k) => [GET, OPTR, ...LOAD(16 * k), SET, a]),
  I32_CONST, 0, SET, N,
  ...LOOP, // over rows
  GET, ROWS, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, I32_LOAD, 2, 0, SET, ROW,
  GET, SCALES, GET, N, I32_CONST, 3, I32_SHL, I32_ADD, F64_LOAD, 3, 0, ...simd(F64X2_SPLAT), SET, V,
  GET, ROW, GET, J, I32_ADD, ...LOAD(0), TEE, Q, ...simd(I16_LOW), SET, H,
  ...addFour(I32_LOW, 0), ...addFour(I32_HIGH, 2),
  GET, Q, ...simd(I16_HIGH), SET, H,
  ...addFour(I32_LOW, 4), ...addFour(I32_HIGH, 6),
  GET, N, I32_CONST, 1, I32_ADD, TEE, N, GET, COUNT, I32_LT_U, ...BR_IF_LOOP,
  END,
  ...A.flatMap((a, k) => [GET, OPTR, GET, a, ...STORE(16 * k)]),
  GET, J, I32_CONST, 16, I32_ADD, TEE, J, GET, WIDTH, I32_LT_U, ...BR_IF_LOOP,
  END,
  END,
];

const MODULE = kernelModule(5, body);
const supported = simdSupported(MODULE);

type Acc = (out: number, rows: number, scales: number, count: number, width: number) => void;

/** rows per kernel call: a message with more is summed in several calls, in order (same bits) */
const CHUNK = 256;
const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** int8 rows of `width` columns in WebAssembly memory, summed with SIMD. */
export class SimdRows {
  private readonly acc: Acc;
  /** the out vector, then CHUNK row offsets, then CHUNK scales: fixed views (the memory never grows) */
  private readonly sums: Float64Array;
  private readonly rowOffsets: Int32Array;
  private readonly scales: Float64Array;

  private constructor(memory: WasmMemory, private readonly width: number, private readonly matrixAt: number, private readonly outAt: number) {
    this.acc = bind<Acc>(MODULE, memory);
    this.sums = new Float64Array(memory.buffer, outAt, width);
    this.rowOffsets = new Int32Array(memory.buffer, this.rowsAt, CHUNK);
    this.scales = new Float64Array(memory.buffer, this.rowsAt + 4 * CHUNK, CHUNK);
  }

  private get rowsAt(): number {
    return this.outAt + 8 * this.width;
  }

  /**
   * `matrix` in WebAssembly memory: used in place when it lies in an arena with room for the
   * scratch, else copied. Undefined where SIMD is unavailable or width is not a multiple of 16.
   */
  static from(matrix: Int8Array, width: number): SimdRows | undefined {
    if (!supported || width === 0 || width % 16 !== 0) return undefined;
    const scratch = 8 * width + 12 * CHUNK;
    const claimed = claimScratch(matrix.buffer, scratch);
    if (claimed) return new SimdRows(claimed.memory, width, matrix.byteOffset, claimed.at);
    const outAt = align16(matrix.length);
    const memory = newMemory(outAt + scratch);
    new Int8Array(memory.buffer, 0, matrix.length).set(matrix);
    return new SimdRows(memory, width, 0, outAt);
  }

  /** out[0, width) += Σ_k values[k] · rowScales[indices[k]] · row(indices[k]), rows in the given order. */
  accumulate(out: Float64Array, indices: Int32Array, values: Float32Array, rowScales: Float32Array): void {
    const { rowOffsets, scales, sums, width, matrixAt, rowsAt } = this;
    sums.set(out.subarray(0, width));
    for (let from = 0; from < indices.length; from += CHUNK) {
      const count = Math.min(CHUNK, indices.length - from);
      for (let k = 0; k < count; k++) {
        const r = indices[from + k] as number;
        rowOffsets[k] = matrixAt + r * width;
        scales[k] = (values[from + k] as number) * (rowScales[r] as number);
      }
      this.acc(this.outAt, rowsAt, rowsAt + 4 * CHUNK, count, width);
    }
    out.set(sums);
  }
}
