// A stratified held-out slice of the training data for early stopping and calibration: every label
// with at least two examples gives ~fraction of them (at least one); singleton labels stay in training.
import { seededRandom, shuffleInPlace } from '../../util/rng.js';

export interface Holdout { train: Int32Array; heldOut: Int32Array }

export function stratifiedHoldout(labels: readonly string[], opts: { fraction: number; count: number; seed: number }): Holdout {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fraction = opts.count > 0 ? Math.min(0.5, opts.count / Math.max(1, labels.length)) : opts.fraction;
  const random = seededRandom(opts.seed ^ 0x5bd1e995);
  const train: number[] = [];
  const held: number[] = [];
  for (const key of [...byLabel.keys()].sort()) {
    const idx = Int32Array.from(byLabel.get(key) ?? []);
    shuffleInPlace(idx, random);
    const take = fraction <= 0 || idx.length < 2 ? 0 : Math.max(1, Math.round(idx.length * fraction));
    idx.forEach((i, k) => (k < take ? held : train).push(i));
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), heldOut: Int32Array.from(held.sort((a, b) => a - b)) };
}
