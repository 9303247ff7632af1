import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { packInt4 } from '../codec.js';
import { addScaledRowInt4, addScaledRowInt8 } from './row-kernels.js';
import { arenaBytes } from '../wasm-arena.js';
import { SimdRows } from './simd-rows.js';

function matrix(rows: number, width: number, seed: number): Int8Array {
  const random = seededRandom(seed);
  return Int8Array.from({ length: rows * width }, () => Math.round(random() * 254 - 127));
}

/** The JavaScript kernel, row by row: what the SIMD sums must equal bit for bit. */
function reference(out: Float32Array, q: Int8Array, width: number, indices: Int32Array, values: Float32Array, scales: Float32Array): Float32Array {
  const sums = out.slice();
  indices.forEach((r, k) => addScaledRowInt8(sums, q, r * width, Math.fround((values[k] as number) * (scales[r] as number)), width));
  return sums;
}

describe('SimdRows', () => {
  const width = 48;
  const rows = 40;
  const q = matrix(rows, width, 5);
  const random = seededRandom(9);
  const scales = Float32Array.from({ length: rows }, () => random() * 0.02);
  const simd = SimdRows.from(q, width);

  it('sums int8 rows bit-identically to the JavaScript kernel, in the given row order', () => {
    expect(simd).toBeDefined();
    const indices = Int32Array.from([3, 39, 0, 3, 17, 22, 8]);
    const values = Float32Array.from(indices, () => random() - 0.5);
    const out = Float32Array.from({ length: width }, () => random());
    const expected = reference(out, q, width, indices, values, scales);
    simd?.accumulate(out, indices, values, scales);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('sums messages with more rows than one kernel call takes, in order, and handles none', () => {
    const indices = Int32Array.from({ length: 1001 }, (_, k) => (k * 7) % rows);
    const values = Float32Array.from(indices, () => random());
    const out = new Float32Array(width);
    const expected = reference(out, q, width, indices, values, scales);
    simd?.accumulate(out, indices, values, scales);
    expect(Array.from(out)).toEqual(Array.from(expected));
    simd?.accumulate(out, new Int32Array(0), new Float32Array(0), scales);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('sums a matrix that lies in an arena where it lies (no copy), its scratch behind the arena data', () => {
    const bytes = arenaBytes(8 + q.length, 8 * width + 12 * 256);
    expect(bytes).toBeDefined();
    const inArena = new Int8Array((bytes as Uint8Array).buffer, 8, q.length);
    inArena.set(q);
    const rowsInPlace = SimdRows.from(inArena, width);
    const indices = Int32Array.from([5, 1, 5, 30]);
    const values = Float32Array.from(indices, () => random() - 0.5);
    const run = (): number[] => {
      const out = new Float32Array(width);
      rowsInPlace?.accumulate(out, indices, values, scales);
      return Array.from(out);
    };
    expect(run()).toEqual(Array.from(reference(new Float32Array(width), q, width, indices, values, scales)));
    // a change to the arena's bytes is seen: the kernel reads the matrix there, not a copy
    inArena[5 * width] = 0;
    const changed = q.slice();
    changed[5 * width] = 0;
    expect(run()).toEqual(Array.from(reference(new Float32Array(width), changed, width, indices, values, scales)));
    // a matrix outside any arena is copied: later changes to it are not seen
    const source = q.slice();
    const copied = SimdRows.from(source, width);
    source[5 * width] = 0;
    const out = new Float32Array(width);
    copied?.accumulate(out, indices, values, scales);
    expect(Array.from(out)).toEqual(Array.from(reference(new Float32Array(width), q, width, indices, values, scales)));
  });

  it('sums int4 rows bit-identically to the JavaScript int4 kernel, which reads the packed levels back', () => {
    const levels = Int8Array.from(q, (v) => Math.round(v / 18)); // −7…7
    const packed = packInt4(levels);
    const unpacked = new Float32Array(width);
    addScaledRowInt4(unpacked, packed, (3 * width) / 2, 1, width);
    expect(Array.from(unpacked)).toEqual(Array.from(levels.subarray(3 * width, 4 * width)));
    const simd4 = SimdRows.from(packed, width, 4);
    expect(simd4).toBeDefined();
    const indices = Int32Array.from({ length: 300 }, (_, k) => (k * 11) % rows);
    const values = Float32Array.from(indices, () => random() - 0.5);
    const out = Float32Array.from({ length: width }, () => random());
    const expected = out.slice();
    indices.forEach((r, k) => addScaledRowInt4(expected, packed, (r * width) / 2, Math.fround((values[k] as number) * (scales[r] as number)), width));
    simd4?.accumulate(out, indices, values, scales);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('declines widths that are not a multiple of 16 (the JavaScript kernel runs instead)', () => {
    expect(SimdRows.from(matrix(2, 20, 1), 20)).toBeUndefined();
    expect(SimdRows.from(new Int8Array(0), 0)).toBeUndefined();
  });
});
