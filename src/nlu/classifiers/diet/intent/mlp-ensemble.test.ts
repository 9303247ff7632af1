import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../../../errors.js';
import { seededRandom } from '../../../util/rng.js';
import { memberSeed, mergeMembers, trainMembers } from './mlp-ensemble.js';
import { MlpModel } from './mlp-model.js';
import { QuantizedMlp } from './quantized-mlp.js';
import { trainMlp } from './train-mlp.js';

const labels = ['a', 'b', 'c'];
const inputSize = 6;

function randomModel(seed: number, hidden: number): MlpModel {
  const r = seededRandom(seed);
  const fill = (n: number): Float32Array => Float32Array.from({ length: n }, () => r() * 2 - 1);
  const width = hidden > 0 ? hidden : labels.length;
  return new MlpModel(labels, inputSize, hidden, { w1: fill(inputSize * width), b1: fill(hidden), w2: fill(hidden * labels.length), b2: fill(labels.length) });
}

const x = { indices: Int32Array.of(0, 2, 5), values: Float32Array.of(1, 0.5, 2) };
const logits = (m: MlpModel): number[] => Array.from(m.logits(x, new Float64Array(labels.length)));
const mean = (rows: number[][]): number[] => (rows[0] ?? []).map((_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / rows.length);

describe('mergeMembers', () => {
  it.each([4, 0])('gives the mean of the logits of the members (hidden %i)', (hidden) => {
    const members = [1, 2, 3].map((s) => randomModel(s, hidden));
    const merged = mergeMembers(members);
    expect(merged.hidden).toBe(hidden * 3);
    const expected = mean(members.map(logits));
    logits(merged).forEach((v, j) => expect(v).toBeCloseTo(expected[j] as number, 5));
  });

  it('is parsed as one ordinary network once persisted', () => {
    const members = [1, 2].map((s) => randomModel(s, 4));
    const q = QuantizedMlp.fromData(mergeMembers(members).toData());
    const out = Array.from(q.logits(x, new Float64Array(labels.length), new Float64Array(8)));
    const expected = mean(members.map(logits));
    out.forEach((v, j) => expect(v).toBeCloseTo(expected[j] as number, 1));
  });

  it('keeps a single member as it is and rejects members of different shapes', () => {
    const one = randomModel(1, 4);
    expect(mergeMembers([one])).toBe(one);
    expect(() => mergeMembers([one, randomModel(2, 5)])).toThrow(ParleyError);
  });
});

describe('trainMembers', () => {
  it('trains each member from its own seed, member 0 from the configured one', () => {
    const samples = Array.from({ length: 12 }, (_, i) => ({ indices: Int32Array.of(i % 3), values: Float32Array.of(1) }));
    const set = { samples, targets: Int32Array.from(samples, (_, i) => i % 3), labels, inputSize: 3 };
    const seeds: number[] = [];
    const opts = { hidden: 4, epochs: 3, learningRate: 0.01, dropout: 0, batchSize: 4, l2: 0, patience: 3 };
    const { model, bestEpochs } = trainMembers(3, 42, (seed) => { seeds.push(seed); return trainMlp(set, { ...opts, seed }); });
    expect(seeds).toEqual([42, memberSeed(42, 1), memberSeed(42, 2)]);
    expect(new Set(seeds).size).toBe(3);
    expect(bestEpochs).toEqual([3, 3, 3]);
    expect(model.hidden).toBe(12);
  });
});
