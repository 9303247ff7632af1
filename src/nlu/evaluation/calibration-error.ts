// Expected calibration error: how far the top confidence is from the accuracy it predicts, averaged
// over equal-width confidence bins weighted by how many predictions fall in each. 0 is perfectly
// calibrated; a model that says 0.95 and is right 70 % of the time scores about 0.25.

export const CALIBRATION_BINS = 15;

export interface ScoredPrediction { confidence: number; correct: boolean }

export function expectedCalibrationError(predictions: readonly ScoredPrediction[], bins = CALIBRATION_BINS): number {
  if (predictions.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const p of predictions) {
    const c = Math.min(Math.max(p.confidence, 0), 1);
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b] = (count[b] as number) + 1;
    confidence[b] = (confidence[b] as number) + c;
    hits[b] = (hits[b] as number) + (p.correct ? 1 : 0);
  }
  let sum = 0;
  count.forEach((n, b) => {
    if (n > 0) sum += Math.abs((hits[b] as number) / n - (confidence[b] as number) / n) * (n / predictions.length);
  });
  return sum;
}
