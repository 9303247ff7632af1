// The intent confusion matrix and the confidence histogram of correct and wrong predictions.
import type { ConfidenceHistogram, ConfusionMatrix, IntentPredictionRecord } from './nlu-evaluation.js';

export function confusionMatrix(records: IntentPredictionRecord[]): ConfusionMatrix {
  const labels = [...new Set(records.flatMap((r) => [r.intent, r.predicted]))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const r of records) {
    const row = matrix[index.get(r.intent) as number] as number[];
    const j = index.get(r.predicted) as number;
    row[j] = (row[j] ?? 0) + 1;
  }
  return { labels, matrix };
}

export const HISTOGRAM_BINS = 20;

/** 20 equal bins over [0, 1]; a confidence of exactly 1 falls in the last bin. */
export function confidenceHistogram(records: IntentPredictionRecord[]): ConfidenceHistogram {
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => Math.round((i / HISTOGRAM_BINS) * 100) / 100);
  const correct = new Array<number>(HISTOGRAM_BINS).fill(0);
  const wrong = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const r of records) {
    const c = Math.min(Math.max(r.confidence, 0), 1);
    const bin = Math.min(Math.floor(c * HISTOGRAM_BINS + 1e-9), HISTOGRAM_BINS - 1);
    const target = r.intent === r.predicted ? correct : wrong;
    target[bin] = (target[bin] ?? 0) + 1;
  }
  return { edges, correct, wrong };
}
