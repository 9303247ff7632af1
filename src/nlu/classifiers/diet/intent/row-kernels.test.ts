import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { addScaledRowInt8, addScaledRows4Int8 } from './row-kernels.js';

describe('int8 row kernels', () => {
  it('four rows in one pass give bit-identical float32 sums to four single-row passes', () => {
    const random = seededRandom(3);
    const width = 37; // not a multiple of four: the single-row kernel's tail loop runs too
    const q = Int8Array.from({ length: 10 * width }, () => Math.round(random() * 254 - 127));
    const rows = Int32Array.from([7, 2, 2, 9], (r) => r * width);
    const scales = Float32Array.from({ length: 4 }, () => random() * 0.3 - 0.1);
    const start = Float32Array.from({ length: width }, () => random());
    const one = start.slice();
    for (let k = 0; k < 4; k++) addScaledRowInt8(one, q, rows[k] as number, scales[k] as number, width);
    const four = start.slice();
    addScaledRows4Int8(four, q, rows, scales, width);
    expect(Array.from(four)).toEqual(Array.from(one));
    expect(Array.from(four)).not.toEqual(Array.from(start));
  });
});
