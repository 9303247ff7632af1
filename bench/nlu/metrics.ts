// Scores: accuracy, macro-F1, exact span + type micro F1 (CoNLL style), ECE, percentiles.
import { expectedCalibrationError } from '../../src/nlu/evaluation/index.js';
import type { BenchEntity } from './dataset.js';

export interface Prediction { gold: string; predicted: string; confidence: number }

export const accuracy = (ps: readonly Prediction[]): number => ps.filter((p) => p.gold === p.predicted).length / Math.max(1, ps.length);

/** Mean F1 over the labels that occur as gold or prediction. */
export function macroF1(ps: readonly Prediction[]): number {
  const labels = new Set(ps.flatMap((p) => [p.gold, p.predicted]));
  let sum = 0;
  for (const l of labels) {
    const tp = ps.filter((p) => p.gold === l && p.predicted === l).length;
    const nPred = ps.filter((p) => p.predicted === l).length;
    const nGold = ps.filter((p) => p.gold === l).length;
    sum += nPred + nGold === 0 ? 0 : (2 * tp) / (nPred + nGold);
  }
  return sum / Math.max(1, labels.size);
}

export function slotF1(gold: readonly BenchEntity[][], predicted: readonly BenchEntity[][]): number {
  let tp = 0, nGold = 0, nPred = 0;
  const key = (e: BenchEntity): string => `${e.entity}:${e.start}:${e.end}`;
  gold.forEach((g, i) => {
    const gs = new Set(g.map(key));
    const ps = new Set((predicted[i] ?? []).map(key));
    nGold += gs.size;
    nPred += ps.size;
    for (const p of ps) if (gs.has(p)) tp++;
  });
  return nGold + nPred === 0 ? 1 : (2 * tp) / (nGold + nPred);
}

/** The same expected calibration error `parley test nlu` reports (15 equal-width bins over the top confidence). */
export function ece(ps: readonly Prediction[]): number {
  return expectedCalibrationError(ps.map((p) => ({ confidence: p.confidence, correct: p.gold === p.predicted })));
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
