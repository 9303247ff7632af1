import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { instantiate } from '../wasm-simd.js';
import { expEmissions } from './crf-passes.js';
import { EXP_MODULE, expSupported, inKernelRange, type ExpKernel } from './simd-exp.js';
import { WasmPasses } from './wasm-passes.js';

/** The kernel over the given inputs, in a memory of its own. */
function kernelExp(xs: readonly number[]): number[] {
  const { memory, kernel } = instantiate<ExpKernel>(EXP_MODULE, 8 * (xs.length + 2));
  const cells = new Float64Array(memory.buffer, 0, xs.length + (xs.length % 2));
  cells.set(xs);
  kernel(0, cells.length / 2);
  return Array.from(cells.subarray(0, xs.length));
}

const bits = (x: number): string => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16);
};

describe('the exp kernel', () => {
  it('gives the bits of Math.exp across [−700, 0], at the boundaries of its paths, and for −0', () => {
    expect(expSupported).toBe(true);
    const ln2 = Math.LN2;
    const edges = [0, -0, -(2 ** -28), -(2 ** -28) * (1 - 2 ** -52), -(2 ** -29), -1e-300, -0.5 * ln2, -0.34657359, -0.3465736, -0.346573590279973,
      -1.5 * ln2, -1.0397207708399179, -1.03972053527832, -ln2, -2 * ln2, -1, -2, -10, -100, -700, -699.9999999999999];
    for (let k = 1; k < 1010; k++) edges.push(-k * ln2, -k * ln2 * (1 + 2 ** -52), -(k + 0.5) * ln2);
    const random = seededRandom(17);
    const xs = [...edges.filter(inKernelRange)];
    for (let i = 0; i < 200_000; i++) {
      const scale = 10 ** (random() * 6 - 3); // many magnitudes, most in the range emissions take
      xs.push(Math.max(-700, -random() * scale));
    }
    const actual = kernelExp(xs);
    const mismatches = xs.flatMap((x, i) => (bits(actual[i] as number) === bits(Math.exp(x)) ? [] : [`${x}: ${actual[i]} vs ${Math.exp(x)}`]));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('leaves inputs outside its range to the caller', () => {
    expect([0, -0, -700, -1e-20].every(inKernelRange)).toBe(true);
    expect([1e-300, -700.5, NaN, -Infinity].some(inKernelRange)).toBe(false);
  });
});

describe('expEmissions with the exp kernel', () => {
  it('gives the cells and the shift of the plain path, odd cell counts and out-of-range differences included', () => {
    const random = seededRandom(4);
    const t = 13;
    const passes = WasmPasses.create(t, 64);
    expect(passes).toBeDefined();
    for (const n of [1, 3, 8]) {
      passes?.reserve(n);
      const cases = [
        Float64Array.from({ length: n * t }, () => random() * 30 - 15),
        Float64Array.from({ length: n * t }, (_, k) => (k === 5 ? -800 : random() * 4)), // a difference below −700
        Float64Array.from({ length: n * t }, (_, k) => (k === 2 ? NaN : random())),
      ];
      for (const emit of cases) {
        const plain = new Float64Array(n * t);
        const expectedShift = expEmissions(emit, n, t, plain);
        const e = passes?.e ?? new Float64Array(0);
        const shift = expEmissions(emit, n, t, e, passes);
        expect(shift).toEqual(expectedShift);
        expect(Array.from(e.subarray(0, n * t))).toEqual(Array.from(plain));
      }
    }
  });
});
