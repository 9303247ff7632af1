// The linear-chain CRF over BILOU tags. Only valid transitions exist (after O/L/U comes O/B/U; after
// B-x/I-x comes I-x/L-x), and the boundary transitions are factorised: score(a→b) = out[a] + in[b]
// (+ adj when an entity directly follows another). Inside an entity each type has its own B→I, B→L,
// I→I, I→L scores. Forward-backward and Viterbi then cost O(n·tags) instead of O(n·tags²).
import { isEndTag, isStartTag, partOf, tagCount } from './bilou.js';
import type { WasmViterbi } from './wasm-viterbi.js';

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

  /**
   * Most likely valid tag sequence for emission scores `emit` (n × tags); `scratch` saves two
   * allocations; `kernel` runs the recursion in WebAssembly (same path).
   */
  viterbi(emit: Float64Array, n: number, trans: Float32Array, scratch?: { delta: Float64Array; back: Int32Array }, kernel?: WasmViterbi): Int32Array {
    const t = this.tags;
    kernel?.reserve(n);
    const delta = kernel ? kernel.delta : scratch && scratch.delta.length >= n * t ? scratch.delta : new Float64Array(n * t);
    const back = kernel ? kernel.back : scratch && scratch.back.length >= n * t ? scratch.back : new Int32Array(n * t);
    for (let y = 0; y < t; y++) delta[y] = this.starts[y] ? (emit[y] as number) : -Infinity;
    if (kernel) {
      kernel.trans.set(trans);
      kernel.emit.set(emit.subarray(0, n * t));
      kernel.run(n);
    } else for (let i = 1; i < n; i++) this.viterbiStep(emit, i, trans, delta, back);
    let arg = 0;
    for (let y = 1; y < t; y++) if (this.ends[y] && (delta[(n - 1) * t + y] as number) > (delta[(n - 1) * t + arg] as number)) arg = y;
    const path = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      path[i] = arg;
      arg = back[i * t + arg] as number;
    }
    return path;
  }

  /**
   * One Viterbi column, unit i from unit i−1. Tags come in blocks of four per type (B, I, L, U after
   * O), so the loops walk the blocks instead of testing every tag's kind: this runs for every unit
   * of every parse. The scores and ties are those of a tag-by-tag loop in tag order.
   */
  private viterbiStep(emit: Float64Array, i: number, trans: Float32Array, delta: Float64Array, back: Int32Array): void {
    const t = this.tags;
    const L = this.layout;
    const p = (i - 1) * t;
    const at = i * t;
    const bestO = (delta[p] as number) + (trans[L.out] as number);
    let bestE = -Infinity;
    let argE = 0;
    // entity ends in tag order: L-x (3 + 4x) then U-x (4 + 4x)
    for (let b = 1; b < t; b += 4) {
      const sL = (delta[p + b + 2] as number) + (trans[L.out + b + 2] as number);
      if (sL > bestE) { bestE = sL; argE = b + 2; }
      const sU = (delta[p + b + 3] as number) + (trans[L.out + b + 3] as number);
      if (sU > bestE) { bestE = sU; argE = b + 3; }
    }
    const adj = trans[L.adj] as number;
    const viaE0 = bestE + 0;
    delta[at] = (bestO >= viaE0 ? bestO : viaE0) + (trans[L.in] as number) + (emit[at] as number);
    back[at] = bestO >= viaE0 ? 0 : argE;
    const viaE = bestE + adj;
    const start = bestO >= viaE ? bestO : viaE;
    const startArg = bestO >= viaE ? 0 : argE;
    for (let x = 0, b = 1; b < t; x++, b += 4) {
      const inner = L.inner + 4 * x;
      const dB = delta[p + b] as number;
      const dI = delta[p + b + 1] as number;
      // B-x and U-x: entity starts
      delta[at + b] = start + (trans[L.in + b] as number) + (emit[at + b] as number);
      back[at + b] = startArg;
      delta[at + b + 3] = start + (trans[L.in + b + 3] as number) + (emit[at + b + 3] as number);
      back[at + b + 3] = startArg;
      // I-x (B→I, I→I) and L-x (B→L, I→L)
      const iFromB = dB + (trans[inner] as number);
      const iFromI = dI + (trans[inner + 2] as number);
      delta[at + b + 1] = (iFromB >= iFromI ? iFromB : iFromI) + (emit[at + b + 1] as number);
      back[at + b + 1] = iFromB >= iFromI ? b : b + 1;
      const lFromB = dB + (trans[inner + 1] as number);
      const lFromI = dI + (trans[inner + 3] as number);
      delta[at + b + 2] = (lFromB >= lFromI ? lFromB : lFromI) + (emit[at + b + 2] as number);
      back[at + b + 2] = lFromB >= lFromI ? b : b + 1;
    }
  }
}
