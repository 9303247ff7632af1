// Scores: accuracy, macro-F1, exact span + type micro F1 (CoNLL style), ECE, percentiles.
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

export function ece(ps: readonly Prediction[], bins = 15): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const p of ps) {
    const b = Math.min(bins - 1, Math.floor(p.confidence * bins));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + p.confidence;
    hits[b] = (hits[b] ?? 0) + (p.gold === p.predicted ? 1 : 0);
  }
  let sum = 0;
  count.forEach((n, b) => { if (n > 0) sum += Math.abs((hits[b] ?? 0) / n - (conf[b] ?? 0) / n) * (n / ps.length); });
  return sum;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
