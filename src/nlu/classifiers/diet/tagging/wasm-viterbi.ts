// The Viterbi recursion of crf-structure.ts (units 1..n−1) as a WebAssembly kernel, for the reason
// wasm-passes.ts gives: in JavaScript each typed-array access of this per-unit, per-tag loop costs
// a bounds check and field reloads. The scores are the same float64 additions in the same order
// (float32 transitions widened exactly, as JavaScript reads them), and ties go the same way (the
// same strict and non-strict comparisons): the same path. Bytes written with ../wasm-simd.ts.
import {
  LOOP_WHILE_DOWN, LOOP_WHILE_BELOW, END, F32_LOAD, F64, F64_CONST, F64_PROMOTE_F32, GET, I32, I32_ADD, I32_CONST, I32_SHL,
  instantiate, kernelModule, leb, LOOP, SET, simdSupported, type WasmMemory,
} from '../wasm-simd.js';

const F64_LOAD = 0x2b, F64_STORE = 0x39, F64_ADD = 0xa0, F64_GT = 0x64, F64_GE = 0x66;
const I32_STORE = 0x36, SELECT = 0x1b;
const NEG_INFINITY = [F64_CONST, 0, 0, 0, 0, 0, 0, 0xf0, 0xff];
const ZERO = [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0];

// viterbi(n, tags, types, trans, emit, delta, back): byte offsets but n, tags, types
const [N, T, TYPES, TR, EMIT, DELTA, BACK] = [0, 1, 2, 3, 4, 5, 6];
// i32 locals 7–23, f64 locals 24–33
const [I, PREV, EM, BK, PD, PT, K, B, ARGE, COND, SARG, TB, T4, PE, PB, PIN, PINNER] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
const [BESTO, BESTE, SC, ADJ, VIAE, START, DB, DI, FROMB, FROMI] = [24, 25, 26, 27, 28, 29, 30, 31, 32, 33];

const f64 = (ptr: number, offset: number): number[] => [GET, ptr, F64_LOAD, 3, ...leb(offset)];
const f32 = (ptr: number, offset: number): number[] => [GET, ptr, F32_LOAD, 2, ...leb(offset), F64_PROMOTE_F32];
const storeF64 = (offset: number): number[] => [F64_STORE, 3, ...leb(offset)];
const storeI32 = (offset: number): number[] => [I32_STORE, 2, ...leb(offset)];
const add = (local: number, bytes: number): number[] => [GET, local, I32_CONST, ...leb(bytes), I32_ADD, SET, local];
/** if (score > bestE) { bestE = score; argE = b + offset } */
const betterEnd = (offset: number): number[] => [
  GET, SC, GET, BESTE, F64_GT, SET, COND,
  GET, SC, GET, BESTE, GET, COND, SELECT, SET, BESTE,
  GET, B, I32_CONST, offset, I32_ADD, GET, ARGE, GET, COND, SELECT, SET, ARGE,
];
const current = [GET, PD, GET, TB, I32_ADD];
/** delta = max(fromB, fromI) + emit (ties to B), back = b or b + 1 */
const inner = (deltaOffset: number, backOffset: number): number[] => [
  GET, FROMB, GET, FROMI, F64_GE, SET, COND,
  ...current, GET, FROMB, GET, FROMI, GET, COND, SELECT, ...f64(PE, deltaOffset), F64_ADD, ...storeF64(deltaOffset),
  GET, PB, GET, B, GET, B, I32_CONST, 1, I32_ADD, GET, COND, SELECT, ...storeI32(backOffset),
];

const body: number[] = [
  2, 17, I32, 10, F64,
  GET, T, I32_CONST, 3, I32_SHL, SET, TB,
  GET, T, I32_CONST, 2, I32_SHL, SET, T4,
  I32_CONST, 1, SET, I,
  GET, DELTA, SET, PREV,
  GET, EMIT, GET, TB, I32_ADD, SET, EM,
  GET, BACK, GET, T4, I32_ADD, SET, BK,
  ...LOOP, // over units
  ...f64(PREV, 0), ...f32(TR, 0), F64_ADD, SET, BESTO,
  ...NEG_INFINITY, SET, BESTE,
  I32_CONST, 0, SET, ARGE,
  // the best entity end (L then U of each type, in tag order)
  GET, PREV, I32_CONST, 8, I32_ADD, SET, PD,
  GET, TR, I32_CONST, 4, I32_ADD, SET, PT,
  I32_CONST, 1, SET, B,
  GET, TYPES, SET, K,
  ...LOOP,
  ...f64(PD, 16), ...f32(PT, 8), F64_ADD, SET, SC, ...betterEnd(2),
  ...f64(PD, 24), ...f32(PT, 12), F64_ADD, SET, SC, ...betterEnd(3),
  ...add(PD, 32), ...add(PT, 16), ...add(B, 4),
  ...LOOP_WHILE_DOWN(K),
  END,
  // O: after O or the best end
  GET, TR, GET, TB, I32_ADD, F32_LOAD, 2, 0, F64_PROMOTE_F32, SET, ADJ,
  GET, BESTE, ...ZERO, F64_ADD, SET, VIAE,
  GET, BESTO, GET, VIAE, F64_GE, SET, COND,
  GET, PREV, GET, TB, I32_ADD,
  GET, BESTO, GET, VIAE, GET, COND, SELECT, GET, TR, GET, T4, I32_ADD, F32_LOAD, 2, 0, F64_PROMOTE_F32, F64_ADD, ...f64(EM, 0), F64_ADD, ...storeF64(0),
  GET, BK, I32_CONST, 0, GET, ARGE, GET, COND, SELECT, ...storeI32(0),
  // entity starts: after O or the best end, plus adj
  GET, BESTE, GET, ADJ, F64_ADD, SET, VIAE,
  GET, BESTO, GET, VIAE, F64_GE, SET, COND,
  GET, BESTO, GET, VIAE, GET, COND, SELECT, SET, START,
  I32_CONST, 0, GET, ARGE, GET, COND, SELECT, SET, SARG,
  GET, PREV, I32_CONST, 8, I32_ADD, SET, PD,
  GET, EM, I32_CONST, 8, I32_ADD, SET, PE,
  GET, BK, I32_CONST, 4, I32_ADD, SET, PB,
  GET, TR, GET, T4, I32_ADD, I32_CONST, 4, I32_ADD, SET, PIN,
  GET, TR, GET, TB, I32_ADD, I32_CONST, 4, I32_ADD, SET, PINNER,
  I32_CONST, 1, SET, B,
  GET, TYPES, SET, K,
  ...LOOP, // over types: B, U (starts), I, L (inner)
  ...f64(PD, 0), SET, DB,
  ...f64(PD, 8), SET, DI,
  ...current, GET, START, ...f32(PIN, 0), F64_ADD, ...f64(PE, 0), F64_ADD, ...storeF64(0),
  GET, PB, GET, SARG, ...storeI32(0),
  ...current, GET, START, ...f32(PIN, 12), F64_ADD, ...f64(PE, 24), F64_ADD, ...storeF64(24),
  GET, PB, GET, SARG, ...storeI32(12),
  GET, DB, ...f32(PINNER, 0), F64_ADD, SET, FROMB,
  GET, DI, ...f32(PINNER, 8), F64_ADD, SET, FROMI,
  ...inner(8, 4),
  GET, DB, ...f32(PINNER, 4), F64_ADD, SET, FROMB,
  GET, DI, ...f32(PINNER, 12), F64_ADD, SET, FROMI,
  ...inner(16, 8),
  ...add(PD, 32), ...add(PE, 32), ...add(PB, 16), ...add(PIN, 16), ...add(PINNER, 16), ...add(B, 4),
  ...LOOP_WHILE_DOWN(K),
  END,
  GET, PREV, GET, TB, I32_ADD, SET, PREV,
  GET, EM, GET, TB, I32_ADD, SET, EM,
  GET, BK, GET, T4, I32_ADD, SET, BK,
  ...LOOP_WHILE_BELOW(I, N),
  END,
  END,
];

const MODULE = kernelModule(7, body);
const supported = simdSupported(MODULE);

type Viterbi = (n: number, tags: number, types: number, trans: number, emit: number, delta: number, back: number) => void;

/**
 * The transitions, emissions, scores and back pointers in WebAssembly memory. More units get a new
 * memory rather than a grown one (see wasm-passes.ts: a detached buffer slows every typed array).
 */
export class WasmViterbi {
  private kernel!: Viterbi;
  private memory!: WasmMemory;
  private units = 0;
  trans = new Float32Array(0);
  emit = new Float64Array(0);
  delta = new Float64Array(0);
  back = new Int32Array(0);

  private constructor(private readonly tags: number, private readonly types: number, private readonly size: number) {
    this.reserve(32);
  }

  /** Undefined where WebAssembly is unavailable or there are no entity types. */
  static create(tags: number, transitions: number): WasmViterbi | undefined {
    const types = (tags - 1) / 4;
    return supported && types >= 1 ? new WasmViterbi(tags, types, transitions) : undefined;
  }

  reserve(units: number): void {
    if (units <= this.units) return;
    this.units = Math.max(units, 2 * this.units);
    const at = this.layout();
    ({ memory: this.memory, kernel: this.kernel } = instantiate<Viterbi>(MODULE, at.end));
    const buffer = this.memory.buffer;
    const cells = this.units * this.tags;
    this.trans = new Float32Array(buffer, 0, this.size);
    this.emit = new Float64Array(buffer, at.emit, cells);
    this.delta = new Float64Array(buffer, at.delta, cells);
    this.back = new Int32Array(buffer, at.back, cells);
  }

  private layout(): { emit: number; delta: number; back: number; end: number } {
    const cells = this.units * this.tags;
    const emit = 8 * Math.ceil((4 * this.size) / 8);
    const delta = emit + 8 * cells;
    const back = delta + 8 * cells;
    return { emit, delta, back, end: back + 4 * cells };
  }

  /** Units 1..n−1 over `emit` and `trans` (set by the caller), with delta of unit 0 in place. */
  run(n: number): void {
    if (n < 2) return;
    const at = this.layout();
    this.kernel(n, this.tags, this.types, 0, at.emit, at.delta, at.back);
  }
}
