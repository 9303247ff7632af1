// The WebAssembly SIMD kernel of Adam on the intent network's input rows (simd-input-layer.ts). Each
// float32 is widened to float64 and updated with the operations of Adam32.step in the same order
// (WebAssembly has no fused multiply-add; sqrt and division round as JavaScript's do), then rounded
// back to float32 as a Float32Array store rounds: the weights are bit-identical.
import {
  LOOP_WHILE_DOWN, LOOP_WHILE_BELOW, END, F32_FROM_F64, F64_ADD, F64_DIV, F64_FROM_F32, F64_LOAD, F64_MUL, F64_SQRT,
  F64_SUB, F64X2_SPLAT, GET, I32, I32_ADD, I32_CONST, I32_LOAD, I32_MUL, I32_SHL, kernelModule, LOAD, LOOP, LOW_HALVES,
  RETURN_IF_ZERO, SET, simd, STORE, SWAP_HALVES, TEE, V128,
} from '../wasm-simd.js';

// adam(p0, m0, v0, g0, touched, count, groups, rowBytes, consts), byte addresses: for each of the
// `count` rows listed at `touched` (row r: bytes r·rowBytes … of params, m and v; gradient row s of
// the cache) the row's first `groups` groups of four floats are updated. i32 locals: the row's four
// pointers, the row counter and the group counter; v128 locals: the constants splatted, the four
// loaded vectors, then per half w, g and the results.
const [P0, M0, V0, G0, TOUCHED, COUNT, GROUPS, ROW_BYTES, C] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [P, M, V, G, N, K] = [9, 10, 11, 12, 13, 14];
const [RATE, SCALE, L2, B1, C1, B2, C2, EPS] = [15, 16, 17, 18, 19, 20, 21, 22];
const [PF, MF, VF, GF, W, GD, ZERO] = [23, 24, 25, 26, 27, 28, 29];
const [MLO, VLO, PLO, MHI, VHI, PHI] = [30, 31, 32, 33, 34, 35];

const promote = (local: number, high: boolean): number[] => [GET, local, ...(high ? [GET, local, ...SWAP_HALVES] : []), ...simd(F64_FROM_F32)];

/** One float64 pair (the low or high half of the four floats): Adam32.step's arithmetic, in its order. */
const half = (high: boolean, mOut: number, vOut: number, pOut: number): number[] => [
  ...promote(PF, high), SET, W,
  // g = grad·scale + l2·w
  ...promote(GF, high), GET, SCALE, ...simd(F64_MUL), GET, L2, GET, W, ...simd(F64_MUL), ...simd(F64_ADD), SET, GD,
  // m' = β1·m + (1 − β1)·g
  GET, B1, ...promote(MF, high), ...simd(F64_MUL), GET, C1, GET, GD, ...simd(F64_MUL), ...simd(F64_ADD), SET, mOut,
  // v' = β2·v + (1 − β2)·g·g
  GET, B2, ...promote(VF, high), ...simd(F64_MUL), GET, C2, GET, GD, ...simd(F64_MUL), GET, GD, ...simd(F64_MUL), ...simd(F64_ADD), SET, vOut,
  // w' = w − (rate·m') / (√v' + ε)
  GET, W, GET, RATE, GET, mOut, ...simd(F64_MUL), GET, vOut, ...simd(F64_SQRT), GET, EPS, ...simd(F64_ADD), ...simd(F64_DIV), ...simd(F64_SUB), SET, pOut,
];

/** Stores the two halves' results, rounded to float32, at the address in `ptr`. */
const store = (ptr: number, lo: number, hi: number): number[] =>
  [GET, ptr, GET, lo, ...simd(F32_FROM_F64), GET, hi, ...simd(F32_FROM_F64), ...LOW_HALVES, ...STORE(0)];

const splat = (local: number, offset: number): number[] => [GET, C, F64_LOAD, 3, offset, ...simd(F64X2_SPLAT), SET, local];
const advance = (ptr: number): number[] => [GET, ptr, I32_CONST, 16, I32_ADD, SET, ptr];
/** local = base + offset (the offset on the stack) */
const rowPointer = (base: number, local: number): number[] => [GET, base, I32_ADD, SET, local];

const body: number[] = [
  2, 6, I32, 21, V128,
  ...RETURN_IF_ZERO(COUNT),
  ...RETURN_IF_ZERO(GROUPS),
  ...splat(RATE, 0), ...splat(SCALE, 8), ...splat(L2, 16), ...splat(B1, 24), ...splat(C1, 32), ...splat(B2, 40), ...splat(C2, 48), ...splat(EPS, 56),
  I32_CONST, 0, SET, N,
  ...LOOP, // over the listed rows
  // the row's byte offset: touched[n] · rowBytes
  GET, TOUCHED, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, I32_LOAD, 2, 0, GET, ROW_BYTES, I32_MUL,
  TEE, P, ...rowPointer(M0, M), GET, P, ...rowPointer(V0, V), GET, P, ...rowPointer(P0, P),
  GET, N, GET, ROW_BYTES, I32_MUL, ...rowPointer(G0, G),
  GET, GROUPS, SET, K,
  ...LOOP, // over the row's groups of four
  GET, P, ...LOAD(0), SET, PF,
  GET, M, ...LOAD(0), SET, MF,
  GET, V, ...LOAD(0), SET, VF,
  GET, G, ...LOAD(0), SET, GF,
  ...half(false, MLO, VLO, PLO),
  ...half(true, MHI, VHI, PHI),
  ...store(M, MLO, MHI), ...store(V, VLO, VHI), ...store(P, PLO, PHI),
  GET, G, GET, ZERO, ...STORE(0),
  ...advance(P), ...advance(M), ...advance(V), ...advance(G),
  ...LOOP_WHILE_DOWN(K),
  END,
  ...LOOP_WHILE_BELOW(N, COUNT),
  END,
  END,
];

export const ADAM_ROWS = kernelModule(9, body);

/** Constants at `consts`: rate, scale, l2, β1, 1 − β1, β2, 1 − β2, ε (float64). */
export type AdamRowsKernel = (p0: number, m0: number, v0: number, g0: number, touched: number, count: number, groups: number, rowBytes: number, consts: number) => void;
