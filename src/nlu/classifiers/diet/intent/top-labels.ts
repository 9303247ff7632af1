// The most likely labels of a probability vector, without sorting all of them: a parse asks for the
// top 10 of up to a few hundred intents, and building and sorting one object per intent showed up
// in parse latency.
import type { Scored } from '../../softmax/softmax-model.js';

/** Higher probability first; equal probabilities by label name, so output is stable. */
const before = (labels: readonly string[], p: Float64Array, a: number, b: number): boolean =>
  (p[a] as number) > (p[b] as number) || ((p[a] as number) === (p[b] as number) && (labels[a] as string) < (labels[b] as string));

/** The `limit` best labels (0 = all), best first. */
export function topLabels(labels: readonly string[], p: Float64Array, limit: number): Scored[] {
  const n = labels.length;
  const k = limit > 0 ? Math.min(limit, n) : n;
  const top: number[] = [];
  for (let j = 0; j < n; j++) {
    if (top.length === k && !before(labels, p, j, top[k - 1] as number)) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && before(labels, p, j, top[at - 1] as number)) at--;
    if (top.length === k) top.pop();
    top.splice(at, 0, j);
  }
  return top.map((j) => ({ label: labels[j] as string, confidence: p[j] as number }));
}
