// The CLINC150 out-of-scope protocol (Larson et al. 2019): in-scope accuracy over in-scope queries,
// recall of `oos` over out-of-scope ones; the threshold variant also answers oos below a confidence.
import type { Prediction } from './metrics.js';

/** A trained system as the threshold variant uses it. */
export interface IntentParser { parse(text: string): Promise<{ intent: string; confidence: number }> }
interface Labelled { text: string; intent: string }

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

/**
 * The threshold variant (oos-threshold): a model trained on the in-scope examples only, as a bot with
 * no out-of-scope examples is, answering oos below the confidence that does best on `tune` (val and
 * val_oos); its scores on `evaluate`. `answerOf` maps a system's own no-intent answer to oos.
 */
export async function thresholdVariant(
  train: (rows: readonly Labelled[]) => Promise<IntentParser>, inScopeTrain: readonly Labelled[],
  evaluate: readonly Labelled[], tune: readonly Labelled[], answerOf: (intent: string) => string = (i) => i,
): Promise<{ value: number; inScope: number; recall: number }> {
  const rows = inScopeTrain.filter((r) => r.intent !== OOS);
  const model = await train(rows);
  const predict = async (set: readonly Labelled[]): Promise<Prediction[]> => {
    const out: Prediction[] = [];
    for (const r of set) {
      const p = await model.parse(r.text);
      out.push({ gold: r.intent, predicted: answerOf(p.intent), confidence: p.confidence });
    }
    return out;
  };
  const value = chooseThreshold(await predict(tune));
  return { value, ...oosScores(await predict(evaluate), value) };
}
