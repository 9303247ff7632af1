// The CLINC150 out-of-scope protocol (Larson et al. 2019): in-scope accuracy over in-scope queries,
// recall of `oos` over out-of-scope ones; the threshold variant also answers oos below a confidence.
import type { Prediction } from './metrics.js';

const OOS = 'oos';

const answer = (p: Prediction, threshold: number): string => (p.confidence < threshold ? OOS : p.predicted);

export function oosScores(ps: readonly Prediction[], threshold: number): { inScope: number; recall: number } {
  const inScope = ps.filter((p) => p.gold !== OOS);
  const outScope = ps.filter((p) => p.gold === OOS);
  return {
    inScope: inScope.filter((p) => answer(p, threshold) === p.gold).length / Math.max(1, inScope.length),
    recall: outScope.filter((p) => answer(p, threshold) === OOS).length / Math.max(1, outScope.length),
  };
}

/** The threshold with the best accuracy over in-scope and out-of-scope tuning queries together. */
export function chooseThreshold(tune: readonly Prediction[]): number {
  let best = { threshold: 0, correct: -1 };
  for (let k = 0; k <= 100; k++) {
    const threshold = k / 100;
    const correct = tune.filter((p) => answer(p, threshold) === p.gold).length;
    if (correct > best.correct) best = { threshold, correct };
  }
  return best.threshold;
}
