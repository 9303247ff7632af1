// The CRF's emission buffer and dense weight rows in WebAssembly memory, so adding a dense row (a
// hundred-odd tags, several times per unit of every parse) runs as float32→float64 SIMD adds. Each
// cell gets out + float64(w) exactly as addRow computes it, rows in the caller's order: same bits.
// Rows are padded to a multiple of four tags with zeros, and the four-wide adds may spill up to three
// cells into the next unit (or the buffer's slack): adding +0 leaves a cell unchanged (the cells
// start at +0 and never hold −0), so the spill changes nothing.
//
// The memory is sized once and never grows: growing a WebAssembly memory detaches its old buffer, and
// the first detach anywhere in a process makes V8 check every typed-array access of every optimised
// function for detachment from then on (20–35 % slower NLU training kernels, measured with
// bench/nlu/import-slowdown.ts). Messages longer than MAX_UNITS are summed in JavaScript instead.
import {
  LOOP_WHILE_DOWN, END, F64_ADD, F64_FROM_F32, GET, I32, I32_ADD, I32_CONST, I32_LOAD, instantiate, kernelModule, LOAD, LOOP,
  RETURN_IF_ZERO, SET, simd, simdSupported, STORE, SWAP_HALVES, V128, type WasmMemory,
} from '../wasm-simd.js';
import { addRow } from './train-crf.js';

// add(pairs, count, groups): for each of the `count` (out, row) address pairs from `pairs` on, in
// order: out[0..4·groups) += row[0..4·groups). One call per message: a call per row cost more than
// its adds. Params 0–2, locals 3–5 (i32) and 6 (v128).
const [PAIRS, COUNT, GROUPS, OUT, ROW, G, V] = [0, 1, 2, 3, 4, 5, 6];
const body: number[] = [
  2, 3, I32, 1, V128,
  ...RETURN_IF_ZERO(COUNT),
  ...LOOP,
  GET, PAIRS, I32_LOAD, 2, 0, SET, OUT,
  GET, PAIRS, I32_LOAD, 2, 4, SET, ROW,
  GET, GROUPS, SET, G,
  ...LOOP,
  GET, ROW, ...LOAD(0), SET, V,
  GET, OUT, GET, OUT, ...LOAD(0), GET, V, ...simd(F64_FROM_F32), ...simd(F64_ADD), ...STORE(0),
  GET, OUT, GET, OUT, ...LOAD(16), GET, V, GET, V, ...SWAP_HALVES, ...simd(F64_FROM_F32), ...simd(F64_ADD), ...STORE(16),
  GET, OUT, I32_CONST, 32, I32_ADD, SET, OUT,
  GET, ROW, I32_CONST, 16, I32_ADD, SET, ROW,
  ...LOOP_WHILE_DOWN(G),
  END,
  GET, PAIRS, I32_CONST, 8, I32_ADD, SET, PAIRS,
  ...LOOP_WHILE_DOWN(COUNT),
  END,
  END,
];

const MODULE = kernelModule(3, body);
const supported = simdSupported(MODULE);
/** (unit, row) pairs the kernel takes per call */
const BATCH = 1024;

type Add = (pairs: number, count: number, groups: number) => void;

/** Units the emission buffer holds (a pasted paragraph; typed messages are far shorter). */
export const MAX_UNITS = 512;

export class SimdEmissions {
  private readonly memory: WasmMemory;
  private readonly add: Add;
  /** padded row length (tags rounded up to a multiple of 4) */
  private readonly stride: number;
  private readonly emitAt: number;
  private readonly emit: Float64Array;
  /** the kernel's (out, row) address pairs */
  private readonly pairsAt: number;
  private readonly pairs: Int32Array;
  /** all dense rows (padded to `stride`), for messages summed in JavaScript */
  private readonly rows: Float32Array;

  private constructor(private readonly tags: number, rows: number) {
    this.stride = Math.ceil(tags / 4) * 4;
    this.emitAt = Math.ceil((4 * rows * this.stride) / 16) * 16;
    // + 4 cells: the last unit's four-wide adds may spill up to three cells
    const cells = MAX_UNITS * tags + 4;
    this.pairsAt = this.emitAt + 8 * cells;
    ({ memory: this.memory, kernel: this.add } = instantiate<Add>(MODULE, this.pairsAt + 8 * BATCH));
    this.emit = new Float64Array(this.memory.buffer, this.emitAt, cells);
    this.pairs = new Int32Array(this.memory.buffer, this.pairsAt, 2 * BATCH);
    this.rows = new Float32Array(this.memory.buffer, 0, rows * this.stride);
  }

  /**
   * Room for `rows` zeroed dense rows of `tags`, to be filled through row(), or undefined where SIMD
   * is unavailable. The caller writes the rows here directly: the weights are held once, not also
   * in a JavaScript array.
   */
  static create(rows: number, tags: number): SimdEmissions | undefined {
    return supported && tags > 0 ? new SimdEmissions(tags, rows) : undefined;
  }

  /** A copy of the dense rows (rows × tags), or undefined where SIMD is unavailable. */
  static from(dense: Float32Array, tags: number): SimdEmissions | undefined {
    const simdRows = SimdEmissions.create(dense.length / tags, tags);
    for (let r = 0; simdRows && r < dense.length / tags; r++) simdRows.row(r).set(dense.subarray(r * tags, (r + 1) * tags));
    return simdRows;
  }

  /** Dense row r (its `tags` cells; the padding stays zero). Valid until the next emissions(). */
  row(r: number): Float32Array {
    return new Float32Array(this.memory.buffer, 4 * r * this.stride, this.tags);
  }

  /** Sets cell y of dense row r (filling rows cell by cell without a view per row). */
  setCell(r: number, y: number, value: number): void {
    this.rows[r * this.stride + y] = value;
  }

  /**
   * A zeroed emission buffer for n ≤ MAX_UNITS units (a view, valid until the next call), to be
   * filled through addRows(); undefined for longer messages, whose rows go through addRowTo().
   */
  emissions(n: number): Float64Array | undefined {
    if (n > MAX_UNITS) return undefined;
    this.emit.fill(0, 0, n * this.tags + 4);
    return this.emit.subarray(0, n * this.tags);
  }

  /**
   * Adds dense row units[2k + 1] to unit units[2k]'s cells of the buffer emissions() returned, for
   * k < count, in that order.
   */
  addRows(units: Int32Array, count: number): void {
    const { pairs, tags, stride, emitAt } = this;
    for (let from = 0; from < count; from += BATCH) {
      const batch = Math.min(BATCH, count - from);
      for (let k = 0; k < batch; k++) {
        pairs[2 * k] = emitAt + 8 * (units[2 * (from + k)] as number) * tags;
        pairs[2 * k + 1] = 4 * (units[2 * (from + k) + 1] as number) * stride;
      }
      this.add(this.pairsAt, batch, stride / 4);
    }
  }

  /** Adds dense row d to unit i's cells of `out` (n × tags) in JavaScript, with the same sums. */
  addRowTo(out: Float64Array, i: number, d: number): void {
    addRow(out, i * this.tags, this.rows, d * this.stride, this.tags);
  }
}
