import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { CrfStructure } from './crf-structure.js';
import { forwardBackward } from './forward-backward.js';

/** Every valid BILOU path of length n, by brute force. */
function validPaths(s: CrfStructure, n: number): number[][] {
  let paths: number[][] = Array.from({ length: s.tags }, (_, y) => [y]).filter(([y]) => s.starts[y as number]);
  for (let i = 1; i < n; i++) {
    paths = paths.flatMap((p) => Array.from({ length: s.tags }, (_, b) => [...p, b])).filter((p) => {
      const a = p[p.length - 2] as number;
      const b = p[p.length - 1] as number;
      if (s.ends[a]) return s.starts[b] === 1;
      // inside an entity: I or L of the same type
      return (b - 1) >> 2 === (a - 1) >> 2 && !s.starts[b];
    });
  }
  return paths.filter((p) => s.ends[p[p.length - 1] as number]);
}

function pathScore(s: CrfStructure, p: number[], emit: Float64Array, trans: Float32Array): number {
  const counts = new Float64Array(s.layout.size);
  s.addPathCounts(p, counts, 1);
  let score = p.reduce((sum, y, i) => sum + (emit[i * s.tags + y] as number), 0);
  counts.forEach((c, k) => { score += c * (trans[k] as number); });
  return score;
}

describe('BILOU CRF', () => {
  const s = new CrfStructure(2);
  const n = 4;
  const random = seededRandom(11);
  const emit = Float64Array.from({ length: n * s.tags }, () => random() * 4 - 2);
  const trans = Float32Array.from({ length: s.layout.size }, () => random() * 2 - 1);
  const paths = validPaths(s, n);
  const scores = paths.map((p) => pathScore(s, p, emit, trans));
  const logZ = Math.log(scores.reduce((sum, x) => sum + Math.exp(x), 0));

  it('forward-backward matches brute force: log Z, marginals and expected transition counts', () => {
    const expected = new Float64Array(s.layout.size);
    const lattice = forwardBackward(s, emit, n, Float64Array.from(trans, Math.exp), expected);
    expect(lattice.logZ).toBeCloseTo(logZ, 8);
    const marg = new Float64Array(n * s.tags);
    const counts = new Float64Array(s.layout.size);
    paths.forEach((p, k) => {
      const prob = Math.exp((scores[k] as number) - logZ);
      p.forEach((y, i) => { marg[i * s.tags + y] = (marg[i * s.tags + y] as number) + prob; });
      const c = new Float64Array(s.layout.size);
      s.addPathCounts(p, c, 1);
      c.forEach((v, j) => { counts[j] = (counts[j] as number) + prob * v; });
    });
    marg.forEach((m, k) => expect(lattice.marginals[k]).toBeCloseTo(m, 8));
    counts.forEach((c, k) => expect(expected[k]).toBeCloseTo(c, 8));
  });

  it('Viterbi finds the best valid path', () => {
    const best = paths[scores.indexOf(Math.max(...scores))];
    expect(Array.from(s.viterbi(emit, n, trans))).toEqual(best);
  });
});
