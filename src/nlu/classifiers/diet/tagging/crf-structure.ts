// The linear-chain CRF over BILOU tags. Only valid transitions exist (after O/L/U comes O/B/U; after
// B-x/I-x comes I-x/L-x), and the boundary transitions are factorised: score(a→b) = out[a] + in[b]
// (+ adj when an entity directly follows another). Inside an entity each type has its own B→I, B→L,
// I→I, I→L scores. Forward-backward and Viterbi then cost O(n·tags) instead of O(n·tags²).
import { isEndTag, isStartTag, partOf, tagCount } from './bilou.js';

/** Offsets into the packed transition parameters. */
export interface TransitionLayout { out: number; in: number; adj: number; inner: number; size: number }

export class CrfStructure {
  readonly tags: number;
  readonly starts: Uint8Array;
  readonly ends: Uint8Array;
  readonly layout: TransitionLayout;

  constructor(readonly types: number) {
    const t = tagCount(types);
    this.tags = t;
    this.starts = Uint8Array.from({ length: t }, (_, y) => (isStartTag(y) ? 1 : 0));
    this.ends = Uint8Array.from({ length: t }, (_, y) => (isEndTag(y) ? 1 : 0));
    this.layout = { out: 0, in: t, adj: 2 * t, inner: 2 * t + 1, size: 2 * t + 1 + 4 * types };
  }

  /** Index of the inner transition B/I-x → I/L-x: k = 0 B→I, 1 B→L, 2 I→I, 3 I→L. */
  inner(type: number, k: number): number {
    return this.layout.inner + 4 * type + k;
  }

  /** Adds +sign for every transition of a tag path to `counts` (packed like the parameters). */
  addPathCounts(path: ArrayLike<number>, counts: Float64Array, sign: number): void {
    const L = this.layout;
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1] as number;
      const b = path[i] as number;
      if (this.ends[a]) {
        counts[L.out + a] = (counts[L.out + a] as number) + sign;
        counts[L.in + b] = (counts[L.in + b] as number) + sign;
        if (a !== 0 && b !== 0) counts[L.adj] = (counts[L.adj] as number) + sign;
      } else {
        const k = (partOf(a) === 0 ? 0 : 2) + (partOf(b) === 2 ? 1 : 0);
        const idx = this.inner((a - 1) >> 2, k);
        counts[idx] = (counts[idx] as number) + sign;
      }
    }
  }

  /** Most likely valid tag sequence for emission scores `emit` (n × tags); `scratch` saves two allocations. */
  viterbi(emit: Float64Array, n: number, trans: Float32Array, scratch?: { delta: Float64Array; back: Int32Array }): Int32Array {
    const t = this.tags;
    const L = this.layout;
    const delta = scratch && scratch.delta.length >= n * t ? scratch.delta : new Float64Array(n * t);
    const back = scratch && scratch.back.length >= n * t ? scratch.back : new Int32Array(n * t);
    for (let y = 0; y < t; y++) delta[y] = this.starts[y] ? (emit[y] as number) : -Infinity;
    for (let i = 1; i < n; i++) {
      const p = (i - 1) * t;
      const bestO = (delta[p] as number) + (trans[L.out] as number);
      let bestE = -Infinity;
      let argE = 0;
      for (let a = 1; a < t; a++) {
        if (!this.ends[a]) continue;
        const s = (delta[p + a] as number) + (trans[L.out + a] as number);
        if (s > bestE) { bestE = s; argE = a; }
      }
      for (let b = 0; b < t; b++) {
        let best: number;
        let arg: number;
        if (this.starts[b]) {
          const viaE = bestE + (b === 0 ? 0 : (trans[L.adj] as number));
          best = (bestO >= viaE ? bestO : viaE) + (trans[L.in + b] as number);
          arg = bestO >= viaE ? 0 : argE;
        } else {
          const x = (b - 1) >> 2;
          const k = partOf(b) === 2 ? 1 : 0;
          const fromB = (delta[p + 1 + 4 * x] as number) + (trans[this.inner(x, k)] as number);
          const fromI = (delta[p + 2 + 4 * x] as number) + (trans[this.inner(x, 2 + k)] as number);
          best = fromB >= fromI ? fromB : fromI;
          arg = fromB >= fromI ? 1 + 4 * x : 2 + 4 * x;
        }
        delta[i * t + b] = best + (emit[i * t + b] as number);
        back[i * t + b] = arg;
      }
    }
    let arg = 0;
    for (let y = 1; y < t; y++) if (this.ends[y] && (delta[(n - 1) * t + y] as number) > (delta[(n - 1) * t + arg] as number)) arg = y;
    const path = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      path[i] = arg;
      arg = back[i * t + arg] as number;
    }
    return path;
  }
}
