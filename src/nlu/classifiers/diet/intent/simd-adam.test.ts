import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { Adam32 } from './adam32.js';
import { SimdAdamRows } from './simd-adam.js';

describe('SimdAdamRows', () => {
  it('updates the listed rows and clears their gradients bit-identically to Adam32, rows of any width', () => {
    const random = seededRandom(3);
    const width = 37;
    const size = 6 * width;
    const init = Float32Array.from({ length: size }, () => random() * 0.3 - 0.15);
    const simd = SimdAdamRows.create(6, width, 3);
    expect(simd).toBeDefined();
    if (!simd) return;
    simd.params.set(init);
    const reference = new Adam32(init.slice());
    const grad = new Float32Array(3 * 37);
    for (let step = 1; step <= 30; step++) {
      const o = { rate: 0.003 * Math.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step), scale: 1 / 8, l2: step % 3 === 0 ? 1e-4 : 0 };
      for (let k = 0; k < grad.length; k++) grad[k] = random() < 0.3 ? 0 : random() * 2 - 1;
      simd.grad.set(grad);
      // rows of 37 floats (nine groups of four and a tail of one), in cache order
      const rows = [[4, 1, 5], [0], [2, 3]][step % 3] ?? [];
      rows.forEach((r, s) => {
        reference.step(r * width, grad, s * width, width, o);
        simd.touched[s] = r;
      });
      simd.stepRows(rows.length, width, o);
      expect(Array.from(simd.params)).toEqual(Array.from(reference.params));
      expect(Array.from(simd.grad)).toEqual(Array.from(grad));
    }
    expect(simd.grad.subarray(0, width).every((g) => g === 0)).toBe(true);
    expect(Array.from(simd.params)).not.toEqual(Array.from(init));
  });

  it('declines memories wasm32 cannot hold', () => {
    expect(SimdAdamRows.create(2 ** 25, 16, 16)).toBeUndefined();
  });
});
