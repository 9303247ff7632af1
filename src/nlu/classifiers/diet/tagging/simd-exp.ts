// exp() over a run of float64 cells in WebAssembly SIMD, two lanes at a time, giving the bits V8's
// Math.exp gives. V8 computes exp with fdlibm's algorithm (argument reduction by k·ln2 split in a
// high and a low part, a degree-5 rational correction, scaling by 2^k) in plain float64 operations;
// WebAssembly rounds each of them as C does and has no fused multiply-add, so the same operations in
// the same order give the same result. The CRF's span confidences take exp of every emission of
// every unit of a parse, and a call of Math.exp per cell cost ~9 ns here.
//
// Lanes take the paths of fdlibm for x in [−700, 0], the only inputs the kernel is given: |x| < 2^−28
// gives 1 + x; |x| up to the high word of ln2 / 2 takes k = 0; beyond, k = trunc(x / ln2 − 0.5) (for
// |x| < 1.5·ln2 this is fdlibm's k = −1 with the same high and low parts). The caller computes any
// other input with Math.exp.
import {
  END, F64_ADD, F64_DIV, F64_FROM_I32, F64_MUL, F64_SUB, F64X2_ABS, F64X2_GT, F64X2_LT, GET, I32_ADD, I32_CONST,
  I32X4_TRUNC_SAT_F64X2_ZERO, I64X2_ADD, I64X2_EXTEND_LOW_I32X4, I64X2_SHL, kernelModule, LOAD, LOOP, LOOP_WHILE_DOWN,
  RETURN_IF_ZERO, SET, simd, simdSupported, STORE, V128, V128_BITSELECT as BITSELECT, V128_CONST,
} from '../wasm-simd.js';

/** v128.const of two equal float64 lanes */
function f64Pair(value: number): number[] {
  const bytes = new Uint8Array(new Float64Array([value, value]).buffer);
  return [...simd(V128_CONST), ...bytes];
}

/** v128.const of two equal int64 lanes */
function i64Pair(value: number): number[] {
  const bytes = new Uint8Array(new BigInt64Array([BigInt(value), BigInt(value)]).buffer);
  return [...simd(V128_CONST), ...bytes];
}

/** the largest float64 whose high word is fdlibm's 0x3fd62e42 (|x| ≤ it: k = 0) */
const HALF_LN2_HIGH_WORD = new Float64Array(new Uint32Array([0xffffffff, 0x3fd62e42]).buffer)[0] as number;
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e+00;
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
const TWO_M28 = 2 ** -28;

// exp(ptr, pairs): cells[0, 2·pairs) from byte ptr on, in place. Params 0–1; locals 2–11 (v128).
const [PTR, PAIRS, X, A, K, T, HI, LO, XR, TT, C, P2K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const op = (code: number): number[] => simd(code);
const body: number[] = [
  1, 10, V128,
  ...RETURN_IF_ZERO(PAIRS),
  ...LOOP,
  GET, PTR, ...LOAD(0), SET, X,
  // a: |x| above the high word of ln2 / 2 (fdlibm reduces by k ≠ 0)
  GET, X, ...op(F64X2_ABS), ...f64Pair(HALF_LN2_HIGH_WORD), ...op(F64X2_GT), SET, A,
  // k = trunc(x·invln2 − 0.5) where a, else 0; as float64 (t) and as the exponent of 2^k
  ...f64Pair(INV_LN2), GET, X, ...op(F64_MUL), ...f64Pair(-0.5), ...op(F64_ADD), ...op(I32X4_TRUNC_SAT_F64X2_ZERO), SET, K,
  GET, K, ...op(F64_FROM_I32), ...f64Pair(0), GET, A, ...op(BITSELECT), SET, T,
  GET, K, ...op(I64X2_EXTEND_LOW_I32X4), ...i64Pair(0), GET, A, ...op(BITSELECT),
  ...i64Pair(1023), ...op(I64X2_ADD), I32_CONST, 52, ...op(I64X2_SHL), SET, P2K,
  // hi = x − t·ln2hi, lo = t·ln2lo, r = hi − lo
  GET, X, GET, T, ...f64Pair(LN2_HI), ...op(F64_MUL), ...op(F64_SUB), SET, HI,
  GET, T, ...f64Pair(LN2_LO), ...op(F64_MUL), SET, LO,
  GET, HI, GET, LO, ...op(F64_SUB), SET, XR,
  // c = r − r²·(P1 + r²·(P2 + r²·(P3 + r²·(P4 + r²·P5))))
  GET, XR, GET, XR, ...op(F64_MUL), SET, TT,
  GET, XR, GET, TT,
  ...f64Pair(P1), GET, TT, ...f64Pair(P2), GET, TT, ...f64Pair(P3), GET, TT, ...f64Pair(P4), GET, TT, ...f64Pair(P5),
  ...op(F64_MUL), ...op(F64_ADD), ...op(F64_MUL), ...op(F64_ADD), ...op(F64_MUL), ...op(F64_ADD), ...op(F64_MUL), ...op(F64_ADD),
  ...op(F64_MUL), ...op(F64_SUB), SET, C,
  GET, PTR,
  // |x| < 2^−28: 1 + x
  ...f64Pair(1), GET, X, ...op(F64_ADD),
  // else (1 − ((lo − r·c / (2 − c)) − hi)) · 2^k
  ...f64Pair(1), GET, LO, GET, XR, GET, C, ...op(F64_MUL), ...f64Pair(2), GET, C, ...op(F64_SUB), ...op(F64_DIV), ...op(F64_SUB),
  GET, HI, ...op(F64_SUB), ...op(F64_SUB), GET, P2K, ...op(F64_MUL),
  GET, X, ...op(F64X2_ABS), ...f64Pair(TWO_M28), ...op(F64X2_LT), ...op(BITSELECT),
  ...STORE(0),
  GET, PTR, I32_CONST, 16, I32_ADD, SET, PTR,
  ...LOOP_WHILE_DOWN(PAIRS),
  END,
  END,
];

export const EXP_MODULE = kernelModule(2, body);
export const expSupported = simdSupported(EXP_MODULE);
/** exp of the cells [ptr, ptr + 16·pairs), in place */
export type ExpKernel = (ptr: number, pairs: number) => void;

/** Inputs the kernel computes as Math.exp does; the caller takes Math.exp for any other. */
export const inKernelRange = (x: number): boolean => x >= -700 && x <= 0;
