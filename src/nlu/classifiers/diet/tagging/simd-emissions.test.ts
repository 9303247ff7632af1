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

  it('holds rows written through row() once: create + row() adds as from() does, padding stays zero', () => {
    const tags = 5;
    const dense = Float32Array.from({ length: 3 * tags }, (_, k) => k + 0.5);
    const built = SimdEmissions.create(3, tags);
    for (let r = 0; r < 3; r++) built?.row(r).set(dense.subarray(r * tags, (r + 1) * tags));
    const copied = SimdEmissions.from(dense, tags);
    const a = built?.emissions(2) ?? new Float64Array(0);
    built?.addRow(0, 2);
    built?.addRow(1, 1);
    const b = copied?.emissions(2) ?? new Float64Array(0);
    copied?.addRow(0, 2);
    copied?.addRow(1, 1);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).toEqual([...dense.subarray(2 * tags), ...dense.subarray(tags, 2 * tags)]);
    expect(Array.from(built?.row(1) ?? [])).toEqual(Array.from(dense.subarray(tags, 2 * tags)));
  });
});
