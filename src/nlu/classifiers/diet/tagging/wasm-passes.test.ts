import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { backward, expEmissions, forward } from './crf-passes.js';
import { CrfStructure } from './crf-structure.js';
import { WasmPasses } from './wasm-passes.js';

describe('WasmPasses', () => {
  it('gives the JavaScript forward and backward passes\' numbers bit for bit, also after making room for more units', () => {
    const s = new CrfStructure(5);
    const t = s.tags;
    const random = seededRandom(7);
    const x = Float64Array.from({ length: s.layout.size }, () => Math.exp(random() * 4 - 2));
    const kernel = WasmPasses.create(t, s.layout.size);
    if (!kernel) return; // no WebAssembly here: the JavaScript pass is the only one
    for (const n of [1, 2, 7, 40]) {
      const emit = Float64Array.from({ length: n * t }, () => random() * 10 - 5);
      const js = { e: new Float64Array(n * t), alpha: new Float64Array(n * t), scale: new Float64Array(n), sE: new Float64Array(n) };
      expEmissions(emit, n, t, js.e);
      forward({ s, x, e: js.e, n }, js.alpha, js.scale, js.sE);
      kernel.reserve(n);
      expEmissions(emit, n, t, kernel.e);
      forward({ s, x, e: kernel.e, n }, kernel.alpha, kernel.scale, kernel.sE, kernel);
      expect(Array.from(kernel.alpha.subarray(0, n * t))).toEqual(Array.from(js.alpha));
      expect(Array.from(kernel.scale.subarray(0, n))).toEqual(Array.from(js.scale));
      expect(Array.from(kernel.sE.subarray(1, n))).toEqual(Array.from(js.sE.subarray(1)));
      for (const stop of [0, Math.floor(n / 2)]) {
        const beta = new Float64Array(n * t);
        const rE = new Float64Array(n);
        backward({ s, x, e: js.e, n }, beta, js.scale, rE, new Float64Array(t), stop);
        backward({ s, x, e: kernel.e, n }, kernel.beta, kernel.scale, kernel.rE, kernel.v, stop, kernel);
        expect(Array.from(kernel.beta.subarray(stop * t, n * t))).toEqual(Array.from(beta.subarray(stop * t)));
        expect(Array.from(kernel.rE.subarray(stop + 1, n))).toEqual(Array.from(rE.subarray(stop + 1)));
      }
    }
  });
});
