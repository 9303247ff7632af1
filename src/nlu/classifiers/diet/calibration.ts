// Confidence calibration: a softmax temperature fitted on held-out logits (minimum negative
// log-likelihood), and the expected calibration error (ECE) to measure it.
import { softmaxInPlace } from '../softmax/softmax-model.js';

function nllAt(logits: readonly Float64Array[], targets: Int32Array, temperature: number): number {
  let loss = 0;
  const buf = new Float64Array(logits[0]?.length ?? 0);
  logits.forEach((l, i) => {
    for (let j = 0; j < l.length; j++) buf[j] = (l[j] as number) / temperature;
    softmaxInPlace(buf);
    loss -= Math.log(Math.max(buf[targets[i] as number] as number, 1e-12));
  });
  return loss / Math.max(1, logits.length);
}

/** Golden-section search over log T in [1/4, 4] (beyond that the slice is not telling us about the model); NLL is unimodal in T. */
export function fitTemperature(logits: readonly Float64Array[], targets: Int32Array): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(0.25);
  let hi = Math.log(4);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nllAt(logits, targets, Math.exp(a));
  let fb = nllAt(logits, targets, Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = nllAt(logits, targets, Math.exp(a)); }
    else { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = nllAt(logits, targets, Math.exp(b)); }
  }
  return Math.exp((lo + hi) / 2);
}

/** ECE with equal-width confidence bins (15, as Guo et al. 2017): Σ |acc(bin) − conf(bin)| · n(bin)/N. */
export function expectedCalibrationError(predictions: readonly { confidence: number; correct: boolean }[], bins = 15): number {
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (const p of predictions) {
    const b = Math.min(bins - 1, Math.floor(p.confidence * bins));
    count[b] = (count[b] as number) + 1;
    conf[b] = (conf[b] as number) + p.confidence;
    hits[b] = (hits[b] as number) + (p.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n > 0) ece += Math.abs((hits[b] as number) / n - (conf[b] as number) / n) * (n / predictions.length);
  }
  return ece;
}
