// sklearn's classification_report(output_dict=True) for string labels, plus Rasa's `confused_with`.
import type { ClassificationReport, LabelMetrics } from './nlu-evaluation.js';

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export interface Averages { precision: number; recall: number; 'f1-score': number; support: number }

export function average(rows: LabelMetrics[], weighted: boolean): Averages {
  const support = rows.reduce((s, r) => s + r.support, 0);
  const weight = (r: LabelMetrics): number => (weighted ? ratio(r.support, support) : ratio(1, rows.length));
  const sum = (key: 'precision' | 'recall' | 'f1-score'): number => rows.reduce((s, r) => s + r[key] * weight(r), 0);
  return { precision: sum('precision'), recall: sum('recall'), 'f1-score': sum('f1-score'), support };
}

/** Per-label rows from true-positive, predicted and actual counts. */
export function labelMetrics(tp: number, predicted: number, actual: number): LabelMetrics {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, actual);
  return { precision, recall, 'f1-score': f1(precision, recall), support: actual };
}

function confusions(truth: string[], predicted: string[], label: string): Record<string, number> {
  const counts = new Map<string, number>();
  truth.forEach((t, i) => {
    const p = predicted[i] as string;
    if (t === label && p !== label) counts.set(p, (counts.get(p) ?? 0) + 1);
  });
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2));
}

/** Labels sorted as sklearn sorts them (the union of true and predicted). */
export function classificationReport(truth: string[], predicted: string[]): ClassificationReport {
  const labels = [...new Set([...truth, ...predicted])].sort();
  const report: ClassificationReport = {};
  const rows: LabelMetrics[] = [];
  for (const label of labels) {
    let tp = 0; let pred = 0; let actual = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (p === label) pred++;
      if (t === label) actual++;
      if (t === label && p === label) tp++;
    });
    const row: LabelMetrics = { ...labelMetrics(tp, pred, actual), confused_with: confusions(truth, predicted, label) };
    report[label] = row;
    rows.push(row);
  }
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  report.accuracy = ratio(correct, truth.length);
  report['macro avg'] = average(rows, false);
  report['weighted avg'] = average(rows, true);
  return report;
}

export const isLabelRow = (key: string, v: LabelMetrics | number): v is LabelMetrics =>
  typeof v !== 'number' && !key.endsWith(' avg');
