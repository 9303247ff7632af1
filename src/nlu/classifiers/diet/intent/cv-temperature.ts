// Calibration for data too small to hold a slice out: a softmax temperature fitted on out-of-fold
// logits (k-fold cross-validation over the training data). Each fold model is trained exactly as the
// final model will be (same epochs, no early stopping), on (k−1)/k of the data, so its confidences
// on the sentences it did not see tell how far the final model's confidences can be trusted.
// Without this, a small bot's model answers nearly everything at 100 %, and neither the fallback
// threshold nor the LLM check below 0.7 ever fires. The logits are those of each fold model as it
// would be stored (its input rows quantised), since the stored model is what parses.
import { seededRandom, shuffleInPlace } from '../../../util/rng.js';
import type { SparseVector } from '../../feature-layout.js';
import { fitTemperature } from '../calibration.js';
import { QuantizedMlp } from './quantized-mlp.js';
import { trainMlp, type MlpTrainingOptions, type MlpTrainingSet } from './train-mlp.js';

export const CV_FOLDS = 3;

/** Fold of each example (-1 = never held out: its label has fewer than two examples). */
export function stratifiedFolds(targets: Int32Array, k: number, seed: number): Int32Array {
  const byLabel = new Map<number, number[]>();
  targets.forEach((t, i) => {
    const list = byLabel.get(t);
    if (list) list.push(i);
    else byLabel.set(t, [i]);
  });
  const fold = new Int32Array(targets.length).fill(-1);
  const random = seededRandom(seed ^ 0x1b873593);
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const idx = Int32Array.from(byLabel.get(label) ?? []);
    if (idx.length < 2) continue;
    shuffleInPlace(idx, random);
    // continue the round-robin across labels so small labels do not all land in the first folds
    for (const i of idx) fold[i] = next++ % k;
  }
  return fold;
}

/** The temperature that fits the out-of-fold predictions, or 1 when there are none. */
export function crossValidatedTemperature(all: MlpTrainingSet, opts: Omit<MlpTrainingOptions, 'monitor'> & { inputBits: 4 | 8 | 'auto' }, k = CV_FOLDS): number {
  const folds = stratifiedFolds(all.targets, k, opts.seed);
  const logits: Float64Array[] = [];
  const targets: number[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const held: number[] = [];
    folds.forEach((g, i) => (g === f ? held : train).push(i));
    if (held.length === 0) continue;
    const set: MlpTrainingSet = { ...all, samples: train.map((i) => all.samples[i] as SparseVector), targets: Int32Array.from(train, (i) => all.targets[i] as number) };
    const { onEpoch: _progress, inputBits, ...quiet } = opts;
    const model = QuantizedMlp.stored(trainMlp(set, { ...quiet, seed: opts.seed + 1 + f }).model, inputBits);
    const scratch = new Float64Array(Math.max(1, model.hidden));
    for (const i of held) {
      logits.push(model.logits(all.samples[i] as SparseVector, new Float64Array(all.labels.length), scratch));
      targets.push(all.targets[i] as number);
    }
  }
  return logits.length === 0 ? 1 : fitTemperature(logits, Int32Array.from(targets));
}
