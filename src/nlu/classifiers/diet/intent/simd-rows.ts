// The intent network's input layer with WebAssembly SIMD: out += Σ_k v_k · row r_k, in float32, over
// int8 rows or int4 ones (codec.ts's nibble layout: two shifts unpack a block of 16 columns).
// V8 does not vectorise JavaScript, and this sum over the few hundred n-gram rows of a message was
// the largest single cost of a parse. Each lane computes out[j] + float32(v·q[j]) rounded to float32,
// as the JavaScript kernels (addScaledRowInt8, addScaledRowInt4) do, rows in the same order: the sums
// are bit-identical.
// The rows are summed where a model archive was read (../wasm-arena.ts), else in the module's own
// memory, copied there once when the model loads. The kernel's bytes are written with the helpers of
// ../wasm-simd.ts.
import {
  LOOP_WHILE_BELOW, bind, END, F32_LOAD, F32X4_ADD, F32X4_FROM_I32, F32X4_MUL, F32X4_SPLAT, GET, I16_HIGH, I16_LOW, I32,
  I32_ADD, I32_CONST, I32_SHR_U, I8X16_SHL, I8X16_SHR_S, LOAD64_ZERO, I32_HIGH, I32_LOAD, I32_LOW, I32_LT_U, I32_SHL, kernelModule, LOAD, LOOP, BR_IF_LOOP, newMemory,
  RETURN_IF_ZERO, SET, simd, simdSupported, STORE, TEE, V128, type WasmMemory,
} from '../wasm-simd.js';
import { claimScratch } from '../wasm-arena.js';

// acc(out, rows, scales, count, width): params 0–4; locals 5 n, 6 j, 7 row, 8 optr (i32), 9 v, 10 q,
// 11 h, 12–15 a0–a3 (v128). Sixteen columns at a time, over every row: the sixteen sums stay in four
// registers while the rows pass, instead of a load and a store of `out` per row. Each column still
// adds its rows in the given order, so the bits are those of a row-by-row loop.
const [OUT, ROWS, SCALES, COUNT, WIDTH, N, J, ROW, OPTR, V, Q, H] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const A = [12, 13, 14, 15];

/** a += float32(v · float32(four int16 lanes of h, widened)) */
const addFour = (a: number, widen: number): number[] =>
  [GET, a, GET, H, ...simd(widen), ...simd(F32X4_FROM_I32), GET, V, ...simd(F32X4_MUL), ...simd(F32X4_ADD), SET, a];

/** The int8 row's 16 columns at J: lanes 0–7 (int16) into H, then 8–15. */
const int8Columns = (first: number[], second: number[]): number[] => [
  GET, ROW, GET, J, I32_ADD, ...LOAD(0), TEE, Q, ...simd(I16_LOW), SET, H, ...first,
  GET, Q, ...simd(I16_HIGH), SET, H, ...second,
];

/** The int4 row's 16 columns at J (8 bytes at J / 2): low nibbles are columns 0–7, high nibbles 8–15. */
const int4Columns = (first: number[], second: number[]): number[] => [
  GET, ROW, GET, J, I32_CONST, 1, I32_SHR_U, I32_ADD, ...LOAD64_ZERO(0), TEE, Q,
  I32_CONST, 4, ...simd(I8X16_SHL), I32_CONST, 4, ...simd(I8X16_SHR_S), ...simd(I16_LOW), SET, H, ...first,
  GET, Q, I32_CONST, 4, ...simd(I8X16_SHR_S), ...simd(I16_LOW), SET, H, ...second,
];

const body = (columns: typeof int8Columns): number[] => [
  2, 4, I32, 7, V128, // locals
  ...RETURN_IF_ZERO(COUNT),
  I32_CONST, 0, SET, J,
  ...LOOP, // over 16 columns at a time
  GET, OUT, GET, J, I32_CONST, 2, I32_SHL, I32_ADD, SET, OPTR,
  ...A.flatMap((a, k) => [GET, OPTR, ...LOAD(16 * k), SET, a]),
  I32_CONST, 0, SET, N,
  ...LOOP, // over rows
  GET, ROWS, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, I32_LOAD, 2, 0, SET, ROW,
  GET, SCALES, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, F32_LOAD, 2, 0, ...simd(F32X4_SPLAT), SET, V,
  ...columns(
    [...addFour(A[0] as number, I32_LOW), ...addFour(A[1] as number, I32_HIGH)],
    [...addFour(A[2] as number, I32_LOW), ...addFour(A[3] as number, I32_HIGH)],
  ),
  ...LOOP_WHILE_BELOW(N, COUNT),
  END,
  ...A.flatMap((a, k) => [GET, OPTR, GET, a, ...STORE(16 * k)]),
  GET, J, I32_CONST, 16, I32_ADD, TEE, J, GET, WIDTH, I32_LT_U, ...BR_IF_LOOP,
  END,
  END,
];

const MODULES = { 8: kernelModule(5, body(int8Columns)), 4: kernelModule(5, body(int4Columns)) };
const supported = { 8: simdSupported(MODULES[8]), 4: simdSupported(MODULES[4]) };

type Acc = (out: number, rows: number, scales: number, count: number, width: number) => void;

/** rows per kernel call: a message with more is summed in several calls, in order (same bits) */
const CHUNK = 256;
const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** int8 or int4 rows of `width` columns in WebAssembly memory, summed with SIMD. */
export class SimdRows {
  private readonly acc: Acc;
  /** the out vector, then CHUNK row offsets, then CHUNK scales: fixed views (the memory never grows) */
  private readonly sums: Float32Array;
  private readonly rowOffsets: Int32Array;
  private readonly scales: Float32Array;

  /** bytes from one row to the next */
  private readonly stride: number;

  private constructor(memory: WasmMemory, private readonly width: number, bits: 4 | 8, private readonly matrixAt: number, private readonly outAt: number) {
    this.acc = bind<Acc>(MODULES[bits], memory);
    this.stride = bits === 4 ? width / 2 : width;
    this.sums = new Float32Array(memory.buffer, outAt, width);
    this.rowOffsets = new Int32Array(memory.buffer, this.rowsAt, CHUNK);
    this.scales = new Float32Array(memory.buffer, this.rowsAt + 4 * CHUNK, CHUNK);
  }

  private get rowsAt(): number {
    return this.outAt + 4 * this.width;
  }

  /**
   * `matrix` in WebAssembly memory: used in place when it lies in an arena with room for the
   * scratch, else copied. Undefined where SIMD is unavailable or width is not a multiple of 16.
   */
  static from(matrix: Int8Array, width: number, bits: 4 | 8 = 8): SimdRows | undefined {
    if (!supported[bits] || width === 0 || width % 16 !== 0) return undefined;
    const scratch = 4 * width + 8 * CHUNK;
    const claimed = claimScratch(matrix.buffer, scratch);
    if (claimed) return new SimdRows(claimed.memory, width, bits, matrix.byteOffset, claimed.at);
    const outAt = align16(matrix.length);
    const memory = newMemory(outAt + scratch);
    new Int8Array(memory.buffer, 0, matrix.length).set(matrix);
    return new SimdRows(memory, width, bits, 0, outAt);
  }

  /**
   * out[0, width) += Σ_k float32(values[k] · rowScales[indices[k]]) · row(indices[k]), in float32, rows
   * in the given order.
   */
  accumulate(out: Float32Array, indices: Int32Array, values: Float32Array, rowScales: Float32Array): void {
    const { rowOffsets, scales, sums, width, stride, matrixAt, rowsAt } = this;
    sums.set(out.subarray(0, width));
    for (let from = 0; from < indices.length; from += CHUNK) {
      const count = Math.min(CHUNK, indices.length - from);
      for (let k = 0; k < count; k++) {
        const r = indices[from + k] as number;
        rowOffsets[k] = matrixAt + r * stride;
        scales[k] = (values[from + k] as number) * (rowScales[r] as number);
      }
      this.acc(this.outAt, rowsAt, rowsAt + 4 * CHUNK, count, width);
    }
    out.set(sums);
  }
}
