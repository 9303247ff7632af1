import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { Adam32 } from './adam32.js';
import { addScaledRow } from './row-kernels.js';
import { InputLayerPool, SimdInputLayer } from './simd-input-layer.js';

describe('SimdInputLayer', () => {
  const random = seededRandom(3);

  it('updates the listed rows and clears their gradients bit-identically to Adam32, rows of any width', () => {
    for (const width of [37, 16]) {
      const init = Float32Array.from({ length: 6 * width }, () => random() * 0.3 - 0.15);
      const simd = SimdInputLayer.create({ rows: 6, width, cacheRows: 3, maxFeatures: 4 });
      expect(simd).toBeDefined();
      if (!simd) return;
      simd.params.set(init);
      const reference = new Adam32(init.slice());
      const grad = new Float32Array(3 * width);
      for (let step = 1; step <= 30; step++) {
        const o = { rate: (0.003 * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step), scale: 1 / 8, l2: step % 3 === 0 ? 1e-4 : 0 };
        for (let k = 0; k < grad.length; k++) grad[k] = random() < 0.3 ? 0 : random() * 2 - 1;
        simd.grad.set(grad);
        // in cache order; 37 floats are nine groups of four and a tail of one
        const rows = [[4, 1, 5], [0], [2, 3]][step % 3] ?? [];
        rows.forEach((r, s) => {
          reference.step(r * width, grad, s * width, width, o);
          simd.touched[s] = r;
        });
        simd.stepRows(rows.length, o);
        expect(Array.from(simd.params)).toEqual(Array.from(reference.params));
        expect(Array.from(simd.grad)).toEqual(Array.from(grad));
      }
      expect(simd.grad.subarray(0, width).every((g) => g === 0)).toBe(true);
      expect(Array.from(simd.params)).not.toEqual(Array.from(init));
    }
  });

  it('sums the hidden layer bit-identically to addScaledRow, rows in the given order', () => {
    for (const width of [36, 38]) {
      const simd = SimdInputLayer.create({ rows: 9, width, cacheRows: 1, maxFeatures: 5 });
      expect(simd).toBeDefined();
      if (!simd) return;
      for (let k = 0; k < simd.params.length; k++) simd.params[k] = random() * 2 - 1;
      const bias = Float32Array.from({ length: width }, () => random() - 0.5);
      const x = { indices: Int32Array.from([7, 0, 7, 3, 8]), values: Float32Array.from([0.5, 1, 0.25, random(), 2]) };
      const expected = Float64Array.from(bias);
      x.indices.forEach((r, n) => addScaledRow(expected, simd.params, r * width, x.values[n] as number, width));
      expect(Array.from(simd.forward(x, bias))).toEqual(Array.from(expected));
    }
  });

  it('hands a released layer to the next training of its shape, zeroed', () => {
    const pool = new InputLayerPool();
    const shape = { rows: 4, width: 8, cacheRows: 2, maxFeatures: 3 };
    const first = pool.acquire(shape);
    expect(first).toBeDefined();
    if (!first) return;
    first.params.fill(1);
    pool.release(first);
    const second = pool.acquire({ ...shape, cacheRows: 1 });
    expect(second).toBe(first);
    expect(second?.params.every((w) => w === 0)).toBe(true);
    // taken: the next one is new, and so is one of another shape
    expect(pool.acquire(shape)).not.toBe(first);
    pool.release(first);
    expect(pool.acquire({ ...shape, width: 12 })).not.toBe(first);
  });

  it('declines memories wasm32 cannot hold', () => {
    expect(SimdInputLayer.create({ rows: 2 ** 25, width: 16, cacheRows: 16, maxFeatures: 16 })).toBeUndefined();
  });
});
