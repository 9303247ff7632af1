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

  it('shifts and exps emissions as the JavaScript loops do, bit for bit, with zeros of both signs, NaN and far-apart cells', () => {
    const s = new CrfStructure(3);
    const t = s.tags;
    const kernel = WasmPasses.create(t, s.layout.size);
    if (!kernel) return;
    const random = seededRandom(11);
    const special = [0, -0, Number.NaN, -800, 750, -Infinity, 1e-300, -1e-300];
    const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
    let shifted = 0;
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 12);
      const emit = Float64Array.from({ length: n * t }, () => (random() < 0.05 ? special[Math.floor(random() * special.length)] as number : random() * 20 - 10));
      // sometimes the emissions are a view of a longer buffer, as the workspace hands them out
      const source = random() < 0.5 ? emit : (() => { const longer = new Float64Array(n * t + 7); longer.set(emit); return longer; })();
      const js = new Float64Array(n * t);
      const jsShift = expEmissions(source, n, t, js);
      kernel.reserve(n);
      const wasmShift = expEmissions(source, n, t, kernel.e, kernel);
      expect(same(wasmShift, jsShift)).toBe(true);
      for (let k = 0; k < n * t; k++) if (!same(kernel.e[k] as number, js[k] as number)) throw new Error(`cell ${k} of round ${round}: ${kernel.e[k]} against ${js[k]}`);
      shifted++;
    }
    expect(shifted).toBe(200);
  });
});
