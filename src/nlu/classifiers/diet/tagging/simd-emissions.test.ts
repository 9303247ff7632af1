import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { MAX_UNITS, SimdEmissions } from './simd-emissions.js';
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
      for (const [i, d] of adds) addRow(expected, i * tags, dense, d * tags, tags);
      simd?.addRows(Int32Array.from(adds.flat()), adds.length);
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
    built?.addRows(Int32Array.of(0, 2, 1, 1), 2);
    const b = copied?.emissions(2) ?? new Float64Array(0);
    copied?.addRows(Int32Array.of(0, 2, 1, 1), 2);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).toEqual([...dense.subarray(2 * tags), ...dense.subarray(tags, 2 * tags)]);
    expect(Array.from(built?.row(1) ?? [])).toEqual(Array.from(dense.subarray(tags, 2 * tags)));
  });

  it('adds more rows than one kernel call takes, in order, and only the first `count` pairs', () => {
    const random = seededRandom(8);
    const tags = 6;
    const rows = 3;
    const dense = Float32Array.from({ length: rows * tags }, () => random() * 4 - 2);
    const simd = SimdEmissions.from(dense, tags);
    const n = 4;
    const emit = simd?.emissions(n) ?? new Float64Array(0);
    const count = 2500;
    const units = Int32Array.from({ length: 2 * count + 2 }, (_, k) => (k % 2 === 0 ? Math.floor(random() * n) : Math.floor(random() * rows)));
    const expected = new Float64Array(n * tags);
    for (let k = 0; k < count; k++) addRow(expected, (units[2 * k] as number) * tags, dense, (units[2 * k + 1] as number) * tags, tags);
    simd?.addRows(units, count);
    expect(Array.from(emit)).toEqual(Array.from(expected));
  });

  it('never detaches a buffer: longer messages are summed in JavaScript with the same bits', () => {
    const random = seededRandom(5);
    const tags = 9;
    const rows = 4;
    const dense = Float32Array.from({ length: rows * tags }, () => random() * 4 - 2);
    const simd = SimdEmissions.from(dense, tags);
    const view = simd?.row(0) ?? new Float32Array(0);
    expect(simd?.emissions(MAX_UNITS)).toHaveLength(MAX_UNITS * tags);
    expect(simd?.emissions(MAX_UNITS + 1)).toBeUndefined();
    // a view made before every call still reads the memory: it was never replaced
    expect(view.byteLength).toBe(4 * tags);
    const n = MAX_UNITS + 3;
    const expected = new Float64Array(n * tags);
    const actual = new Float64Array(n * tags);
    for (let k = 0; k < 3 * n; k++) {
      const i = Math.floor(random() * n);
      addRow(expected, i * tags, dense, (k % rows) * tags, tags);
      simd?.addRowTo(actual, i, k % rows);
    }
    expect(Array.from(actual)).toEqual(Array.from(expected));
  });
});
