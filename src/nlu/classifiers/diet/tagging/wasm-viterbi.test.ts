import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { CrfStructure } from './crf-structure.js';
import { WasmViterbi } from './wasm-viterbi.js';

describe('WasmViterbi', () => {
  it('gives the JavaScript Viterbi path, scores and back pointers, ties included', () => {
    const s = new CrfStructure(6);
    const t = s.tags;
    const random = seededRandom(5);
    const kernel = WasmViterbi.create(t, s.layout.size);
    if (!kernel) return; // no WebAssembly here: the JavaScript recursion is the only one
    for (const [n, ties] of [[1, false], [2, false], [9, false], [9, true], [50, true], [50, false]] as const) {
      // integer scores make many exact ties
      const value = (): number => (ties ? Math.round(random() * 3) : random() * 6 - 3);
      const emit = Float64Array.from({ length: n * t }, value);
      const trans = Float32Array.from({ length: s.layout.size }, value);
      const scratch = { delta: new Float64Array(n * t), back: new Int32Array(n * t) };
      const expected = s.viterbi(emit, n, trans, scratch);
      expect(Array.from(s.viterbi(emit, n, trans, undefined, kernel))).toEqual(Array.from(expected));
      expect(Array.from(kernel.delta.subarray(0, n * t))).toEqual(Array.from(scratch.delta));
      expect(Array.from(kernel.back.subarray(t, n * t))).toEqual(Array.from(scratch.back.subarray(t)));
    }
  });
});
