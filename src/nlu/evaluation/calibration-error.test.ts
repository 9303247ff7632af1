import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from './calibration-error.js';

const many = (n: number, confidence: number, correct: number) =>
  Array.from({ length: n }, (_, i) => ({ confidence, correct: i < correct }));

describe('expectedCalibrationError', () => {
  it('is 0 when each bin is right as often as it is confident', () => {
    expect(expectedCalibrationError([...many(10, 0.9, 9), ...many(10, 0.5, 5)])).toBeCloseTo(0, 12);
  });

  it('weights each bin by its share of the predictions', () => {
    // 0.95 but right 7 times in 10 (gap 0.25), and 0.5 right 5 in 10 (gap 0): half of the predictions are off by 0.25
    expect(expectedCalibrationError([...many(10, 0.95, 7), ...many(10, 0.5, 5)])).toBeCloseTo(0.125, 12);
  });

  it('puts a confidence of exactly 1 in the last bin, clamps out-of-range values, and is 0 for no predictions', () => {
    expect(expectedCalibrationError(many(4, 1, 2))).toBeCloseTo(0.5, 12);
    expect(expectedCalibrationError(many(4, 1.2, 2))).toBeCloseTo(0.5, 12);
    expect(expectedCalibrationError([])).toBe(0);
  });
});
