// The intent network's input layer with WebAssembly SIMD: out += Σ_k v_k · int8 row r_k. V8 does not
// vectorise JavaScript, and this sum over the few hundred n-gram rows of a message was the largest
// single cost of a parse. Each lane computes out[j] + v·q[j] in float64 exactly as the JavaScript
// kernel does (WebAssembly has no fused multiply-add), rows in the same order: the sums are
// bit-identical. The rows live in the module's memory, copied there once when the model loads.
// The kernel's bytes are written with the helpers of ../wasm-simd.ts.
import {
  END, ensureBytes, F64_ADD, F64_FROM_I32, F64_LOAD, F64_MUL, F64X2_SPLAT, GET, I16_HIGH, I16_LOW, I32, I32_ADD, I32_CONST, I32_HIGH,
  I32_LOAD, I32_LOW, I32_LT_U, I32_SHL, instantiate, kernelModule, LOAD, LOOP, BR_IF_LOOP, RETURN_IF_ZERO, SET, simd, simdSupported,
  STORE, SWAP_HALVES, TEE, V128, type WasmMemory,
} from '../wasm-simd.js';

// acc(out, rows, scales, count, width): params 0–4; locals 5 n, 6 j, 7 row, 8 optr (i32), 9 v, 10 q, 11 h, 12 x (v128)
const [OUT, ROWS, SCALES, COUNT, WIDTH, N, J, ROW, OPTR, V, Q, H, X] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** out[optr + offset ..] += v · float64(lanes 0 and 1 of the int32 vector `lanes`) */
const addPair = (offset: number, lanes: number[]): number[] =>
  [GET, OPTR, GET, OPTR, ...LOAD(offset), GET, V, ...lanes, ...simd(F64_FROM_I32), ...simd(F64_MUL), ...simd(F64_ADD), ...STORE(offset)];

/** Four int16 lanes of h widened to int32, added as two float64 pairs. */
const addFour = (widen: number, offset: number): number[] =>
  [GET, H, ...simd(widen), SET, X, ...addPair(offset, [GET, X]), ...addPair(offset + 16, [GET, X, GET, X, ...SWAP_HALVES])];

const body: number[] = [
  2, 4, I32, 4, V128, // locals
  ...RETURN_IF_ZERO(COUNT),
  I32_CONST, 0, SET, N,
  ...LOOP, // over rows
  GET, ROWS, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, I32_LOAD, 2, 0, SET, ROW,
  GET, SCALES, GET, N, I32_CONST, 3, I32_SHL, I32_ADD, F64_LOAD, 3, 0, ...simd(F64X2_SPLAT), SET, V,
  I32_CONST, 0, SET, J,
  ...LOOP, // over 16 columns at a time
  GET, OUT, GET, J, I32_CONST, 3, I32_SHL, I32_ADD, SET, OPTR,
  GET, ROW, GET, J, I32_ADD, ...LOAD(0), TEE, Q, ...simd(I16_LOW), SET, H,
  ...addFour(I32_LOW, 0), ...addFour(I32_HIGH, 32),
  GET, Q, ...simd(I16_HIGH), SET, H,
  ...addFour(I32_LOW, 64), ...addFour(I32_HIGH, 96),
  GET, J, I32_CONST, 16, I32_ADD, TEE, J, GET, WIDTH, I32_LT_U, ...BR_IF_LOOP,
  END,
  GET, N, I32_CONST, 1, I32_ADD, TEE, N, GET, COUNT, I32_LT_U, ...BR_IF_LOOP,
  END,
  END,
];

const MODULE = kernelModule(5, body);
const supported = simdSupported(MODULE);

type Acc = (out: number, rows: number, scales: number, count: number, width: number) => void;

/** int8 rows of `width` columns in WebAssembly memory, summed with SIMD. */
export class SimdRows {
  private readonly memory: WasmMemory;
  private readonly acc: Acc;
  /** where the out vector starts, after the matrix; row offsets and scales follow it */
  private readonly outAt: number;
  private readonly rowsAt: number;
  // views into the memory, made again when it grows (growing detaches the old ones)
  private sums = new Float64Array(0);
  private rowOffsets = new Int32Array(0);
  private scales = new Float64Array(0);

  private constructor(private readonly width: number, matrixBytes: number) {
    this.outAt = Math.ceil(matrixBytes / 16) * 16;
    this.rowsAt = this.outAt + 8 * width;
    ({ memory: this.memory, kernel: this.acc } = instantiate<Acc>(MODULE, this.rowsAt));
    this.reserve(256);
  }

  /** A copy of `matrix` in WebAssembly memory, or undefined where SIMD is unavailable or width is not a multiple of 16. */
  static from(matrix: Int8Array, width: number): SimdRows | undefined {
    if (!supported || width === 0 || width % 16 !== 0) return undefined;
    const rows = new SimdRows(width, matrix.length);
    new Int8Array(rows.memory.buffer, 0, matrix.length).set(matrix);
    return rows;
  }

  /** out[0, width) += Σ_k values[k] · rowScales[indices[k]] · row(indices[k]), rows in the given order. */
  accumulate(out: Float64Array, indices: Int32Array, values: Float32Array, rowScales: Float32Array): void {
    const count = indices.length;
    if (count > this.rowOffsets.length) this.reserve(Math.max(count, 2 * this.rowOffsets.length));
    const { rowOffsets, scales, sums, width } = this;
    for (let k = 0; k < count; k++) {
      const r = indices[k] as number;
      rowOffsets[k] = r * width;
      scales[k] = (values[k] as number) * (rowScales[r] as number);
    }
    sums.set(out.subarray(0, width));
    this.acc(this.outAt, this.rowsAt, this.rowsAt + 4 * rowOffsets.length, count, width);
    out.set(sums);
  }

  /** Room for `capacity` row offsets and scales (a multiple of 4: the scales stay 8-byte aligned). */
  private reserve(capacity: number): void {
    const rounded = Math.ceil(capacity / 4) * 4;
    ensureBytes(this.memory, this.rowsAt + 12 * rounded);
    const buffer = this.memory.buffer;
    this.sums = new Float64Array(buffer, this.outAt, this.width);
    this.rowOffsets = new Int32Array(buffer, this.rowsAt, rounded);
    this.scales = new Float64Array(buffer, this.rowsAt + 4 * rounded, rounded);
  }
}
