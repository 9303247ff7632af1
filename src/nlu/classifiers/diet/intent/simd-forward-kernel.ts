// The WebAssembly SIMD kernel of the intent network's hidden layer in training (simd-input-layer.ts):
// z += Σ_n val[n] · W1 row idx[n], rows in order. Each lane computes z[j] + v·float64(w[j]) exactly
// as addScaledRow does (WebAssembly has no fused multiply-add): the sums are bit-identical.
import {
  LOOP_WHILE_DOWN, LOOP_WHILE_BELOW, END, F32_LOAD, F64_ADD, F64_FROM_F32, F64_MUL, F64_PROMOTE_F32, F64X2_SPLAT, GET, I32,
  I32_ADD, I32_CONST, I32_LOAD, I32_MUL, I32_SHL, kernelModule, LOAD, LOOP, RETURN_IF_ZERO, SET, simd, STORE, SWAP_HALVES, V128,
} from '../wasm-simd.js';

// forward(z, w1, idx, val, count, groups, rowBytes), byte addresses; z holds 4·groups float64
const [Z, W1, IDX, VAL, COUNT, GROUPS, ROW_BYTES] = [0, 1, 2, 3, 4, 5, 6];
const [N, PTR, ZP, K] = [7, 8, 9, 10];
const [VS, WF] = [11, 12];

/** z[zp + offset ..] += v · float64 pair (`pair` pushes the float32 vector whose low lanes are meant) */
const addPair = (offset: number, pair: number[]): number[] =>
  [GET, ZP, GET, ZP, ...LOAD(offset), GET, VS, ...pair, ...simd(F64_FROM_F32), ...simd(F64_MUL), ...simd(F64_ADD), ...STORE(offset)];

const body: number[] = [
  2, 4, I32, 2, V128,
  ...RETURN_IF_ZERO(COUNT),
  ...RETURN_IF_ZERO(GROUPS),
  I32_CONST, 0, SET, N,
  ...LOOP, // over the features
  GET, W1, GET, IDX, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, I32_LOAD, 2, 0, GET, ROW_BYTES, I32_MUL, I32_ADD, SET, PTR,
  GET, VAL, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, F32_LOAD, 2, 0, F64_PROMOTE_F32, ...simd(F64X2_SPLAT), SET, VS,
  GET, Z, SET, ZP,
  GET, GROUPS, SET, K,
  ...LOOP, // over the row's groups of four
  GET, PTR, ...LOAD(0), SET, WF,
  ...addPair(0, [GET, WF]),
  ...addPair(16, [GET, WF, GET, WF, ...SWAP_HALVES]),
  GET, ZP, I32_CONST, 32, I32_ADD, SET, ZP,
  GET, PTR, I32_CONST, 16, I32_ADD, SET, PTR,
  ...LOOP_WHILE_DOWN(K),
  END,
  ...LOOP_WHILE_BELOW(N, COUNT),
  END,
  END,
];

export const FORWARD_ROWS = kernelModule(7, body);

export type ForwardRowsKernel = (z: number, w1: number, idx: number, val: number, count: number, groups: number, rowBytes: number) => void;
