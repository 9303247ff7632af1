// An ensemble of intent networks trained from different seeds, merged into ONE network for parsing:
// member m's hidden units become units [m·h, (m+1)·h) of a wide hidden layer, and the output layer
// averages the members' logits. Each input feature then reads one contiguous row (as a single
// network of M·h units does) instead of M scattered rows, and parsing needs no ensemble code at all:
// the cost of M networks of h units is that of one network of M·h units.
import { ParleyError } from '../../../../errors.js';
import { MlpModel, type MlpWeights } from './mlp-model.js';
import type { MlpTrainingResult } from './train-mlp.js';

/** The seed of member m: member 0 keeps the configured seed, so an ensemble of one is the plain network. */
export const memberSeed = (seed: number, m: number): number => (seed + m * 1_000_003) | 0;

export function mergeMembers(members: readonly MlpModel[]): MlpModel {
  const first = members[0];
  if (!first) throw new ParleyError('TRAINING_FAILED', 'intent ensemble: no members to merge');
  if (members.length === 1) return first;
  const { labels, inputSize, hidden: h } = first;
  if (members.some((m) => m.hidden !== h || m.inputSize !== inputSize || m.labels.length !== labels.length)) {
    throw new ParleyError('TRAINING_FAILED', 'intent ensemble: members differ in shape');
  }
  const n = members.length;
  const k = labels.length;
  // a linear member (h = 0): averaging the logits is averaging the weights
  if (h === 0) {
    const w1 = new Float32Array(inputSize * k);
    const b2 = new Float32Array(k);
    for (const m of members) {
      for (let i = 0; i < w1.length; i++) w1[i] = (w1[i] as number) + (m.weights.w1[i] as number) / n;
      for (let j = 0; j < k; j++) b2[j] = (b2[j] as number) + (m.weights.b2[j] as number) / n;
    }
    return new MlpModel(labels, inputSize, 0, { w1, b1: new Float32Array(0), w2: new Float32Array(0), b2 });
  }
  const H = n * h;
  const w: MlpWeights = { w1: new Float32Array(inputSize * H), b1: new Float32Array(H), w2: new Float32Array(H * k), b2: new Float32Array(k) };
  members.forEach((m, i) => {
    for (let r = 0; r < inputSize; r++) w.w1.set(m.weights.w1.subarray(r * h, (r + 1) * h), r * H + i * h);
    w.b1.set(m.weights.b1, i * h);
    for (let e = 0; e < h * k; e++) w.w2[i * h * k + e] = (m.weights.w2[e] as number) / n;
    for (let j = 0; j < k; j++) w.b2[j] = (w.b2[j] as number) + (m.weights.b2[j] as number) / n;
  });
  return new MlpModel(labels, inputSize, H, w);
}

/** Trains `size` members (member m with memberSeed(seed, m)) and merges them; bestEpoch is the members' largest. */
export function trainMembers(size: number, seed: number, train: (seed: number, member: number) => MlpTrainingResult): { model: MlpModel; bestEpochs: number[] } {
  const results = Array.from({ length: size }, (_, m) => train(memberSeed(seed, m), m));
  return { model: mergeMembers(results.map((r) => r.model)), bestEpochs: results.map((r) => r.bestEpoch) };
}
