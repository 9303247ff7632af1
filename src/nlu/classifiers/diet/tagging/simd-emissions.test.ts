import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { SimdEmissions } from './simd-emissions.js';
import { addRow } from './train-crf.js';

describe('SimdEmissions', () => {
  it('adds dense rows bit-identically to addRow, in order, without touching other units (tags not a multiple of 4)', () => {
    const random = seededRandom(21);
    const tags = 13;
    const rows = 6;
    const dense = Float32Array.from({ length: rows * tags }, () => (random() < 0.4 ? 0 : random() * 4 - 2));
    const simd = SimdEmissions.from(dense, tags);
    expect(simd).toBeDefined();
    for (const n of [1, 3, 40]) {
      const emit = simd?.emissions(n) ?? new Float64Array(0);
      const expected = new Float64Array(n * tags);
      const adds = Array.from({ length: 5 * n }, (_, k) => [Math.floor(random() * n), k % rows] as const);
      for (const [i, d] of adds) {
        addRow(expected, i * tags, dense, d * tags, tags);
        simd?.addRow(i, d);
      }
      expect(Array.from(emit)).toEqual(Array.from(expected));
    }
    // a fresh buffer starts at zero again
    expect(Array.from(simd?.emissions(2) ?? [])).toEqual(new Array<number>(2 * tags).fill(0));
  });
});
