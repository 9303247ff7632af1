// The forward and backward passes of crf-passes.ts (all but their first unit) as WebAssembly
// kernels. In JavaScript each of the passes' typed-array accesses costs a bounds check and, after every store, reloads of the arrays'
// fields; here an access is one instruction. Every number is computed by the same float64
// operations in the same order as forwardStep and backwardStep (WebAssembly rounds as JavaScript does and has no
// fused multiply-add): the same bits. The kernel's bytes are written with ../wasm-simd.ts.
import { EXP_MODULE, expSupported, type ExpKernel } from './simd-exp.js';
import {
  LOOP_WHILE_DOWN, LOOP_WHILE_BELOW, END, F64, F64_CONST, GET, I32, I32_ADD, I32_CONST, I32_SHL, I32_SUB, bind, instantiate,
  kernelModule, leb, LOOP, BR_IF_LOOP, RETURN_IF_ZERO, SET, simdSupported, TEE, type WasmMemory,
} from '../wasm-simd.js';

const F64_LOAD = 0x2b, F64_STORE = 0x39, F64_ADD = 0xa0, F64_MUL = 0xa2, F64_DIV = 0xa3;

// forward(n, tags, types, x, e, alpha, scale, sE): byte offsets; params 0–7
const [N, T, TYPES, X, E, A, S, SE] = [0, 1, 2, 3, 4, 5, 6, 7];
// i32 locals 8–17, f64 locals 18–24
const [I, PREV, AT, EAT, K, PA, PE, PX, PY, TB] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const [SO, SENT, START, SUM, AB, AI, V] = [18, 19, 20, 21, 22, 23, 24];

const load = (ptr: number, offset: number): number[] => [GET, ptr, F64_LOAD, 3, ...leb(offset)];
const store = (offset: number): number[] => [F64_STORE, 3, ...leb(offset)];
const add = (local: number, bytes: number): number[] => [GET, local, I32_CONST, bytes, I32_ADD, SET, local];
/** k −= 1; loop again while k ≠ 0 */
/** sum += the value on the stack, which is also stored at `offset` from alpha at unit i (PA + TB) */
const storeAndSum = (offset: number): number[] => [TEE, V, ...store(offset), GET, SUM, GET, V, F64_ADD, SET, SUM];
const unitAddress = [GET, PA, GET, TB, I32_ADD];

const body: number[] = [
  2, 10, I32, 7, F64,
  GET, T, I32_CONST, 3, I32_SHL, SET, TB,
  I32_CONST, 1, SET, I,
  GET, A, SET, PREV,
  GET, E, GET, TB, I32_ADD, SET, EAT,
  ...LOOP, // over units
  GET, PREV, GET, TB, I32_ADD, SET, AT,
  ...load(PREV, 0), ...load(X, 0), F64_MUL, SET, SO,
  // sEnt over the entity ends (L, U of each type)
  F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, SET, SENT,
  GET, PREV, I32_CONST, 8, I32_ADD, SET, PA,
  GET, X, I32_CONST, 8, I32_ADD, SET, PX,
  GET, TYPES, SET, K,
  ...LOOP,
  GET, SENT, ...load(PA, 16), ...load(PX, 16), F64_MUL, F64_ADD,
  ...load(PA, 24), ...load(PX, 24), F64_MUL, F64_ADD, SET, SENT,
  ...add(PA, 32), ...add(PX, 32),
  ...LOOP_WHILE_DOWN(K),
  END,
  GET, SE, GET, I, I32_CONST, 3, I32_SHL, I32_ADD, GET, SENT, ...store(0),
  // O: x_in(O)·(sO + sEnt)·e(O)
  GET, AT,
  GET, X, GET, TB, I32_ADD, F64_LOAD, 3, 0, GET, SO, GET, SENT, F64_ADD, F64_MUL, ...load(EAT, 0), F64_MUL,
  TEE, SUM, ...store(0),
  // start = sO + sEnt·adj
  GET, SO, GET, SENT, GET, X, GET, TB, I32_CONST, 1, I32_SHL, I32_ADD, F64_LOAD, 3, 0, F64_MUL, F64_ADD, SET, START,
  GET, PREV, I32_CONST, 8, I32_ADD, SET, PA,
  GET, EAT, I32_CONST, 8, I32_ADD, SET, PE,
  GET, X, GET, TB, I32_ADD, I32_CONST, 8, I32_ADD, SET, PX,
  GET, X, GET, TB, I32_CONST, 1, I32_SHL, I32_ADD, I32_CONST, 8, I32_ADD, SET, PY,
  GET, TYPES, SET, K,
  ...LOOP, // over types: B, I, L, U
  ...load(PA, 0), SET, AB,
  ...load(PA, 8), SET, AI,
  ...unitAddress, ...load(PX, 0), GET, START, F64_MUL, ...load(PE, 0), F64_MUL, ...storeAndSum(0),
  ...unitAddress, GET, AB, ...load(PY, 0), F64_MUL, GET, AI, ...load(PY, 16), F64_MUL, F64_ADD, ...load(PE, 8), F64_MUL, ...storeAndSum(8),
  ...unitAddress, GET, AB, ...load(PY, 8), F64_MUL, GET, AI, ...load(PY, 24), F64_MUL, F64_ADD, ...load(PE, 16), F64_MUL, ...storeAndSum(16),
  ...unitAddress, ...load(PX, 24), GET, START, F64_MUL, ...load(PE, 24), F64_MUL, ...storeAndSum(24),
  ...add(PA, 32), ...add(PE, 32), ...add(PX, 32), ...add(PY, 32),
  ...LOOP_WHILE_DOWN(K),
  END,
  GET, S, GET, I, I32_CONST, 3, I32_SHL, I32_ADD, GET, SUM, ...store(0),
  // scale to sum 1
  GET, AT, SET, PA,
  GET, T, SET, K,
  ...LOOP,
  GET, PA, ...load(PA, 0), GET, SUM, F64_DIV, ...store(0),
  ...add(PA, 8),
  ...LOOP_WHILE_DOWN(K),
  END,
  GET, AT, SET, PREV,
  GET, EAT, GET, TB, I32_ADD, SET, EAT,
  ...LOOP_WHILE_BELOW(I, N),
  END,
  END,
];

const MODULE = kernelModule(8, body);
const supported = simdSupported(MODULE);

// backward(n, tags, types, x, e, beta, scale, rE, v, stop): byte offsets but n, tags, types, stop
const [BETA, SC, RE, VV, STOP] = [5, 6, 7, 8, 9];
// i32 locals 10–18, f64 locals 19–24
const [BI, PN, PB, PV, BK, PX2, PY2, BTB, BAT] = [10, 11, 12, 13, 14, 15, 16, 17, 18];
const [C, RO, RENT, ENDV, VI, VL] = [19, 20, 21, 22, 23, 24];
const I32_MUL = 0x6c, I32_GE_S = 0x4e;
const step = (local: number, bytes: number): number[] => [GET, local, I32_CONST, bytes, I32_ADD, SET, local];

const backwardBody: number[] = [
  2, 9, I32, 6, F64,
  GET, T, I32_CONST, 3, I32_SHL, SET, BTB,
  GET, N, I32_CONST, 2, I32_SUB, SET, BI,
  ...LOOP, // over units, last to first
  GET, SC, GET, BI, I32_CONST, 1, I32_ADD, I32_CONST, 3, I32_SHL, I32_ADD, F64_LOAD, 3, 0, SET, C,
  GET, E, GET, BI, I32_CONST, 1, I32_ADD, GET, BTB, I32_MUL, I32_ADD, SET, PN,
  GET, BETA, GET, BI, I32_CONST, 1, I32_ADD, GET, BTB, I32_MUL, I32_ADD, SET, PB,
  GET, PB, GET, BTB, I32_SUB, SET, BAT,
  // v[b] = e_{i+1}(b)·β_{i+1}(b) / c_{i+1}
  GET, VV, SET, PV,
  GET, T, SET, BK,
  ...LOOP,
  GET, PV, ...load(PN, 0), ...load(PB, 0), F64_MUL, GET, C, F64_DIV, ...store(0),
  ...step(PN, 8), ...step(PB, 8), ...step(PV, 8),
  ...LOOP_WHILE_DOWN(BK),
  END,
  GET, X, GET, BTB, I32_ADD, F64_LOAD, 3, 0, ...load(VV, 0), F64_MUL, SET, RO,
  // rEnt over the entity starts (B, U of each type)
  F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, SET, RENT,
  GET, VV, I32_CONST, 8, I32_ADD, SET, PV,
  GET, X, GET, BTB, I32_ADD, I32_CONST, 8, I32_ADD, SET, PX2,
  GET, TYPES, SET, BK,
  ...LOOP,
  GET, RENT, ...load(PX2, 0), ...load(PV, 0), F64_MUL, F64_ADD,
  ...load(PX2, 24), ...load(PV, 24), F64_MUL, F64_ADD, SET, RENT,
  ...step(PX2, 32), ...step(PV, 32),
  ...LOOP_WHILE_DOWN(BK),
  END,
  GET, RE, GET, BI, I32_CONST, 1, I32_ADD, I32_CONST, 3, I32_SHL, I32_ADD, GET, RENT, ...store(0),
  GET, BAT, ...load(X, 0), GET, RO, GET, RENT, F64_ADD, F64_MUL, ...store(0),
  GET, RO, GET, RENT, GET, X, GET, BTB, I32_CONST, 1, I32_SHL, I32_ADD, F64_LOAD, 3, 0, F64_MUL, F64_ADD, SET, ENDV,
  GET, BAT, I32_CONST, 8, I32_ADD, SET, PB,
  GET, VV, I32_CONST, 8, I32_ADD, SET, PV,
  GET, X, I32_CONST, 8, I32_ADD, SET, PX2,
  GET, X, GET, BTB, I32_CONST, 1, I32_SHL, I32_ADD, I32_CONST, 8, I32_ADD, SET, PY2,
  GET, TYPES, SET, BK,
  ...LOOP, // over types: B, I (inner transitions), L, U (end the entity)
  ...load(PV, 8), SET, VI,
  ...load(PV, 16), SET, VL,
  GET, PB, ...load(PY2, 0), GET, VI, F64_MUL, ...load(PY2, 8), GET, VL, F64_MUL, F64_ADD, ...store(0),
  GET, PB, ...load(PY2, 16), GET, VI, F64_MUL, ...load(PY2, 24), GET, VL, F64_MUL, F64_ADD, ...store(8),
  GET, PB, ...load(PX2, 16), GET, ENDV, F64_MUL, ...store(16),
  GET, PB, ...load(PX2, 24), GET, ENDV, F64_MUL, ...store(24),
  ...step(PB, 32), ...step(PV, 32), ...step(PX2, 32), ...step(PY2, 32),
  ...LOOP_WHILE_DOWN(BK),
  END,
  GET, BI, I32_CONST, 1, I32_SUB, TEE, BI, GET, STOP, I32_GE_S, ...BR_IF_LOOP,
  END,
  END,
];

const BACKWARD = kernelModule(10, backwardBody);
const backwardSupported = simdSupported(BACKWARD);

// shift(e, n, tags, out): for each of the n units of e (tags cells each), its maximum and minimum
// into out (two float64 per unit), then its cells minus the maximum, in place: expEmissions's loops,
// with f64.max / f64.min, which order −0 below +0 and pass NaN on as Math.max / Math.min do.
const [SH_E, SH_N, SH_T, SH_OUT] = [0, 1, 2, 3];
const [SH_P, SH_Y, SH_U, SH_MAX, SH_MIN] = [4, 5, 6, 7, 8];
const F64_SUB = 0xa1, F64_MIN = 0xa4, F64_MAX = 0xa5;
const f64Const = (value: number): number[] => [F64_CONST, ...new Uint8Array(new Float64Array([value]).buffer)];
const shiftBody: number[] = [
  2, 3, I32, 2, F64,
  ...RETURN_IF_ZERO(SH_N),
  ...RETURN_IF_ZERO(SH_T),
  GET, SH_E, SET, SH_U,
  ...LOOP,
  ...f64Const(-Infinity), SET, SH_MAX,
  ...f64Const(Infinity), SET, SH_MIN,
  GET, SH_U, SET, SH_P,
  GET, SH_T, SET, SH_Y,
  ...LOOP,
  GET, SH_MAX, ...load(SH_P, 0), F64_MAX, SET, SH_MAX,
  GET, SH_MIN, ...load(SH_P, 0), F64_MIN, SET, SH_MIN,
  ...add(SH_P, 8),
  ...LOOP_WHILE_DOWN(SH_Y),
  END,
  GET, SH_OUT, GET, SH_MAX, ...store(0),
  GET, SH_OUT, GET, SH_MIN, ...store(8),
  GET, SH_U, SET, SH_P,
  GET, SH_T, SET, SH_Y,
  ...LOOP,
  GET, SH_P, ...load(SH_P, 0), GET, SH_MAX, F64_SUB, ...store(0),
  ...add(SH_P, 8),
  ...LOOP_WHILE_DOWN(SH_Y),
  END,
  GET, SH_U, GET, SH_T, I32_CONST, 3, I32_SHL, I32_ADD, SET, SH_U,
  ...add(SH_OUT, 16),
  ...LOOP_WHILE_DOWN(SH_N),
  END,
  END,
];

const SHIFT = kernelModule(4, shiftBody);
const shiftSupported = simdSupported(SHIFT);

type Shift = (e: number, n: number, tags: number, out: number) => void;

type Backward = (n: number, tags: number, types: number, x: number, e: number, beta: number, scale: number, rE: number, v: number, stop: number) => void;

type Forward = (n: number, tags: number, types: number, x: number, e: number, alpha: number, scale: number, sE: number) => void;

/**
 * The forward pass's arrays in WebAssembly memory: the transitions, then e, α (units × tags), the
 * scales and sE (units). More units get a new memory rather than a grown one: growing detaches the
 * old buffer, and one detached buffer anywhere makes V8 check every typed-array access for it.
 */
export class WasmPasses {
  private memory!: WasmMemory;
  private kernel!: Forward;
  private backwardKernel!: Backward;
  /** exp over e in place (simd-exp.ts), where SIMD is available */
  private expKernel: ExpKernel | undefined;
  /** each unit's maximum subtracted from e in place, where WebAssembly is available */
  private shiftKernel: Shift | undefined;
  private units = 0;
  x = new Float64Array(0);
  e = new Float64Array(0);
  alpha = new Float64Array(0);
  scale = new Float64Array(0);
  sE = new Float64Array(0);
  beta = new Float64Array(0);
  rE = new Float64Array(0);
  /** one unit's tags: backward scratch */
  v = new Float64Array(0);
  /** each unit's maximum and minimum emission (shiftRows) */
  extremes = new Float64Array(0);

  private constructor(private readonly tags: number, private readonly types: number, private readonly size: number) {
    this.reserve(32);
  }

  /** Undefined where WebAssembly is unavailable or there are no entity types. */
  static create(tags: number, transitions: number): WasmPasses | undefined {
    const types = (tags - 1) / 4;
    return supported && backwardSupported && types >= 1 ? new WasmPasses(tags, types, transitions) : undefined;
  }

  /** Room for `units` units (the views are replaced when there was not). */
  reserve(units: number): void {
    if (units <= this.units) return;
    this.units = Math.max(units, 2 * this.units);
    const { size, tags } = this;
    const cells = this.units * tags;
    const at = this.layout();
    ({ memory: this.memory, kernel: this.kernel } = instantiate<Forward>(MODULE, at.end));
    this.backwardKernel = bind<Backward>(BACKWARD, this.memory);
    this.expKernel = expSupported ? bind<ExpKernel>(EXP_MODULE, this.memory) : undefined;
    this.shiftKernel = shiftSupported ? bind<Shift>(SHIFT, this.memory) : undefined;
    const buffer = this.memory.buffer;
    this.x = new Float64Array(buffer, 0, size);
    this.e = new Float64Array(buffer, at.e, cells);
    this.alpha = new Float64Array(buffer, at.alpha, cells);
    this.scale = new Float64Array(buffer, at.scale, this.units);
    this.sE = new Float64Array(buffer, at.sE, this.units);
    this.beta = new Float64Array(buffer, at.beta, cells);
    this.rE = new Float64Array(buffer, at.rE, this.units);
    this.v = new Float64Array(buffer, at.v, tags);
    this.extremes = new Float64Array(buffer, at.extremes, 2 * this.units);
  }

  /** Byte offsets of the arrays after x, for the current number of units. */
  private layout(): { e: number; alpha: number; scale: number; sE: number; beta: number; rE: number; v: number; extremes: number; end: number } {
    const cells = 8 * this.units * this.tags;
    const units = 8 * this.units;
    const e = 8 * this.size;
    const alpha = e + cells;
    const scale = alpha + cells;
    const sE = scale + units;
    const beta = sE + units;
    const rE = beta + cells;
    const v = rE + units;
    const extremes = v + 8 * this.tags;
    return { e, alpha, scale, sE, beta, rE, v, extremes, end: extremes + 2 * units };
  }

  /**
   * Each of units 0..n−1 of e minus its maximum, in place, the maximum and minimum into extremes
   * (2i, 2i + 1); false where there is no kernel (nothing done).
   */
  shiftRows(n: number): boolean {
    if (!this.shiftKernel) return false;
    const at = this.layout();
    this.shiftKernel(at.e, n, this.tags, at.extremes);
    return true;
  }

  /**
   * e[0, count) = exp(e[0, count)), bit for bit as Math.exp, for cells the caller has checked are in
   * the kernel's range (simd-exp.ts inKernelRange); false where there is no exp kernel (nothing done).
   */
  expInPlace(count: number): boolean {
    if (!this.expKernel) return false;
    this.expKernel(this.layout().e, count >> 1);
    if (count % 2 === 1) this.e[count - 1] = Math.exp(this.e[count - 1] as number);
    return true;
  }

  /** Units 1..n−1 of the forward pass over `e`, with α of unit 0 in place; `expTrans` as forward's x. */
  run(expTrans: Float64Array, n: number): void {
    if (n < 2) return;
    this.x.set(expTrans);
    const at = this.layout();
    this.kernel(n, this.tags, this.types, 0, at.e, at.alpha, at.scale, at.sE);
  }

  /** Units n−2 down to `stop` of the backward pass, with β of unit n−1 in place, after run(). */
  runBackward(n: number, stop: number): void {
    if (n - 2 < stop) return;
    const at = this.layout();
    this.backwardKernel(n, this.tags, this.types, 0, at.e, at.beta, at.scale, at.rE, at.v, stop);
  }
}
