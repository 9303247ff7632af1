import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report.js';
import { confidenceHistogram, confusionMatrix } from './confusion-matrix.js';
import type { LabelMetrics } from './nlu-evaluation.js';

// truth:     a a a b b c
// predicted: a a b b c c
// a: tp 2, predicted 2, actual 3 → P 1, R 2/3, F1 0.8
// b: tp 1, predicted 2, actual 2 → P 0.5, R 0.5, F1 0.5
// c: tp 1, predicted 2, actual 1 → P 0.5, R 1, F1 2/3
const truth = ['a', 'a', 'a', 'b', 'b', 'c'];
const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

describe('classificationReport', () => {
  const report = classificationReport(truth, predicted);
  const row = (k: string) => report[k] as LabelMetrics;

  it.each<[string, number, number, number, number]>([
    ['a', 1, 2 / 3, 0.8, 3],
    ['b', 0.5, 0.5, 0.5, 2],
    ['c', 0.5, 1, 2 / 3, 1],
  ])('row %s', (label, p, r, f, support) => {
    expect(row(label).precision).toBeCloseTo(p, 10);
    expect(row(label).recall).toBeCloseTo(r, 10);
    expect(row(label)['f1-score']).toBeCloseTo(f, 10);
    expect(row(label).support).toBe(support);
  });

  it('computes accuracy and the macro and weighted averages', () => {
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
    expect(row('macro avg')['f1-score']).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
    expect(row('macro avg').precision).toBeCloseTo(2 / 3, 10);
    expect(row('weighted avg')['f1-score']).toBeCloseTo((0.8 * 3 + 0.5 * 2 + (2 / 3) * 1) / 6, 10);
    expect(row('weighted avg').recall).toBeCloseTo(4 / 6, 10);
    expect(row('weighted avg').support).toBe(6);
  });

  it('records what each label was confused with, most often first', () => {
    expect(row('a').confused_with).toEqual({ b: 1 });
    expect(row('b').confused_with).toEqual({ c: 1 });
    expect(row('c').confused_with).toEqual({});
  });

  it('reports a label that was only predicted with zero support and zero precision', () => {
    const r = classificationReport(['a', 'a'], ['a', 'nlu_fallback']);
    expect(r.nlu_fallback).toMatchObject({ precision: 0, recall: 0, 'f1-score': 0, support: 0 });
    expect((r.a as LabelMetrics).recall).toBe(0.5);
  });
});

describe('confusionMatrix and confidenceHistogram', () => {
  const records = truth.map((t, i) => ({ text: `t${i}`, intent: t, predicted: predicted[i] as string, confidence: [0.99, 1, 0.5, 0.52, 0.049, 0.05][i] as number }));

  it('counts true (rows) against predicted (columns) over sorted labels', () => {
    expect(confusionMatrix(records)).toEqual({ labels: ['a', 'b', 'c'], matrix: [[2, 1, 0], [0, 1, 1], [0, 0, 1]] });
  });

  it('puts confidences into 20 bins, split into correct and wrong', () => {
    const h = confidenceHistogram(records);
    expect(h.edges).toHaveLength(21);
    expect(h.edges[1]).toBe(0.05);
    const correct = new Array(20).fill(0);
    const wrong = new Array(20).fill(0);
    correct[19] = 2; // 0.99 and 1.0 (1.0 falls in the last bin)
    correct[10] = 1; // 0.52
    correct[1] = 1; // 0.05 is the start of bin 1
    wrong[10] = 1; // 0.5
    wrong[0] = 1; // 0.049
    expect(h.correct).toEqual(correct);
    expect(h.wrong).toEqual(wrong);
  });
});
