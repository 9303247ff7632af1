// Scores: accuracy, macro-F1, exact span + type micro F1 (CoNLL style), ECE, percentiles.
import { expectedCalibrationError } from '../../src/nlu/evaluation/index.js';
import type { BenchEntity } from './dataset.js';

export interface Prediction { gold: string; predicted: string; confidence: number }

export const accuracy = (ps: readonly Prediction[]): number => ps.filter((p) => p.gold === p.predicted).length / Math.max(1, ps.length);

export interface IntentScore { intent: string; gold: number; predicted: number; f1: number }

/** F1 of each label that occurs as gold or prediction (labels are whole strings: `a+b` is one class), lowest first. */
export function perIntent(ps: readonly Prediction[]): IntentScore[] {
  const counts = new Map<string, { tp: number; gold: number; predicted: number }>();
  const at = (l: string) => counts.get(l) ?? counts.set(l, { tp: 0, gold: 0, predicted: 0 }).get(l) as { tp: number; gold: number; predicted: number };
  for (const p of ps) {
    at(p.gold).gold++;
    at(p.predicted).predicted++;
    if (p.gold === p.predicted) at(p.gold).tp++;
  }
  return [...counts].map(([intent, c]) => ({ intent, gold: c.gold, predicted: c.predicted, f1: (2 * c.tp) / (c.gold + c.predicted) }))
    .sort((a, b) => a.f1 - b.f1 || b.gold - a.gold || (a.intent < b.intent ? -1 : 1));
}

/** Mean F1 over the labels that occur as gold or prediction. */
export function macroF1(ps: readonly Prediction[]): number {
  const scores = perIntent(ps);
  return scores.reduce((sum, s) => sum + s.f1, 0) / Math.max(1, scores.length);
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
