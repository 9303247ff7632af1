import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { outputLayer } from './mlp-model.js';
import { SimdOutputLayer } from './simd-output-layer.js';

describe('SimdOutputLayer', () => {
  it('gives the bits outputLayer gives over relu(sums), for label counts that are and are not multiples of four', () => {
    const random = seededRandom(13);
    for (const [hidden, labels] of [[16, 7], [64, 1], [32, 4], [256, 150]] as const) {
      const w2 = Float32Array.from({ length: hidden * labels }, () => random() * 2 - 1);
      const b2 = Float32Array.from({ length: labels }, () => random() - 0.5);
      const layer = SimdOutputLayer.from(w2, b2, hidden);
      expect(layer).toBeDefined();
      for (let round = 0; round < 5; round++) {
        // negatives, zeros of both signs and tiny values among the sums
        const sums = Float32Array.from({ length: hidden }, (_, u) => (u % 5 === 0 ? 0 : u % 7 === 0 ? -0 : (random() * 2 - 1) * 10 ** Math.floor(random() * 6 - 3)));
        const z = Float64Array.from(sums, (v) => (v < 0 ? 0 : v));
        const expected = outputLayer(z, hidden, w2, b2, new Float64Array(labels));
        const actual = layer?.logits(sums, new Float64Array(labels)) ?? new Float64Array(0);
        expect(Array.from(actual)).toEqual(Array.from(expected));
      }
    }
  });

  it('adds a NaN unit as the JavaScript loop does, and needs a hidden layer', () => {
    const w2 = Float32Array.of(1, 2, 3, 4);
    const b2 = Float32Array.of(0.5, -0.5);
    const sums = Float32Array.of(NaN, 1);
    const actual = SimdOutputLayer.from(w2, b2, 2)?.logits(sums, new Float64Array(2));
    expect(Array.from(actual ?? [])).toEqual(Array.from(outputLayer(Float64Array.from(sums), 2, w2, b2, new Float64Array(2))));
    expect(SimdOutputLayer.from(new Float32Array(0), b2, 0)).toBeUndefined();
  });
});
