// Scaled forward-backward for the factorised BILOU CRF (see crf-structure.ts): per-unit tag
// marginals, log Z, and optionally the expected transition counts (the gradient of log Z).
import type { CrfStructure } from './crf-structure.js';

export interface Lattice {
  /** n × tags marginal probabilities */
  marginals: Float64Array;
  logZ: number;
}

/** exp(emit − max per unit), with the maxima summed so log Z can be recovered. */
function expEmissions(emit: Float64Array, n: number, t: number, out: Float64Array): number {
  let shift = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let y = 0; y < t; y++) max = Math.max(max, emit[i * t + y] as number);
    shift += max;
    for (let y = 0; y < t; y++) out[i * t + y] = Math.exp((emit[i * t + y] as number) - max);
  }
  return shift;
}

interface Pass { s: CrfStructure; x: Float64Array; e: Float64Array; n: number }

/** α_i (scaled to sum 1; the scales go to `scale`); `sE[i]` keeps Σ_{entity ends a} α_{i-1}(a)·X_out(a). */
function forward(p: Pass, alpha: Float64Array, scale: Float64Array, sE: Float64Array): void {
  const { s, x, e, n } = p;
  const t = s.tags;
  const L = s.layout;
  for (let i = 0; i < n; i++) {
    let sO = 0, sEnt = 0;
    if (i > 0) {
      sO = (alpha[(i - 1) * t] as number) * (x[L.out] as number);
      for (let a = 1; a < t; a++) if (s.ends[a]) sEnt += (alpha[(i - 1) * t + a] as number) * (x[L.out + a] as number);
    }
    sE[i] = sEnt;
    let sum = 0;
    for (let b = 0; b < t; b++) {
      let v: number;
      if (i === 0) v = s.starts[b] ? 1 : 0;
      else if (s.starts[b]) v = (x[L.in + b] as number) * (sO + sEnt * (b === 0 ? 1 : (x[L.adj] as number)));
      else {
        const ty = (b - 1) >> 2;
        const k = b === 4 * ty + 3 ? 1 : 0; // L-x: from B via B→L (k=1), from I via I→L
        v = (alpha[(i - 1) * t + 1 + 4 * ty] as number) * (x[s.inner(ty, k)] as number) + (alpha[(i - 1) * t + 2 + 4 * ty] as number) * (x[s.inner(ty, 2 + k)] as number);
      }
      v *= e[i * t + b] as number;
      alpha[i * t + b] = v;
      sum += v;
    }
    scale[i] = sum;
    for (let b = 0; b < t; b++) alpha[i * t + b] = (alpha[i * t + b] as number) / sum;
  }
}

/** β_i scaled by the forward scales; `rE[i+1]` keeps Σ_{entity starts b} X_in(b)·e_{i+1}(b)·β_{i+1}(b)/c_{i+1}. */
function backward(p: Pass, beta: Float64Array, scale: Float64Array, rE: Float64Array, v: Float64Array): void {
  const { s, x, e, n } = p;
  const t = s.tags;
  const L = s.layout;
  for (let y = 0; y < t; y++) beta[(n - 1) * t + y] = s.ends[y] ? 1 : 0;
  for (let i = n - 2; i >= 0; i--) {
    const c = scale[i + 1] as number;
    // v[b] = e_{i+1}(b)·β_{i+1}(b) / c_{i+1}
    const next = (i + 1) * t;
    for (let b = 0; b < t; b++) v[b] = ((e[next + b] as number) * (beta[next + b] as number)) / c;
    const rO = (x[L.in] as number) * (v[0] as number);
    let rEnt = 0;
    for (let b = 1; b < t; b++) if (s.starts[b]) rEnt += (x[L.in + b] as number) * (v[b] as number);
    rE[i + 1] = rEnt;
    for (let a = 0; a < t; a++) {
      if (s.ends[a]) beta[i * t + a] = (x[L.out + a] as number) * (rO + rEnt * (a === 0 ? 1 : (x[L.adj] as number)));
      else {
        const ty = (a - 1) >> 2;
        const k0 = a === 1 + 4 * ty ? 0 : 2; // from B: B→I, B→L; from I: I→I, I→L
        beta[i * t + a] = (x[s.inner(ty, k0)] as number) * (v[2 + 4 * ty] as number) + (x[s.inner(ty, k0 + 1)] as number) * (v[3 + 4 * ty] as number);
      }
    }
  }
}

/** The gradient of log Z with respect to the packed transition parameters, added to `out`. */
function addExpectedCounts(p: Pass, tb: { alpha: Float64Array; beta: Float64Array; marginals: Float64Array; scale: Float64Array; sE: Float64Array; rE: Float64Array; endMass: number }, out: Float64Array): void {
  const { s, x, e, n } = p;
  const t = s.tags;
  const L = s.layout;
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < t; y++) {
      const m = tb.marginals[i * t + y] as number;
      if (i < n - 1 && s.ends[y]) out[L.out + y] = (out[L.out + y] as number) + m;
      if (i > 0 && s.starts[y]) out[L.in + y] = (out[L.in + y] as number) + m;
    }
    if (i === 0) continue;
    // ξ_i(a,b) = α_{i-1}(a)·X(a,b)·e_i(b)·β_i(b) / (c_i · endMass), in scaled quantities
    const norm = (tb.scale[i] as number) * tb.endMass;
    out[L.adj] = (out[L.adj] as number) + ((tb.sE[i] as number) * (x[L.adj] as number) * (tb.rE[i] as number) * (tb.scale[i] as number)) / norm;
    for (let ty = 0; ty < s.types; ty++) {
      for (let k = 0; k < 4; k++) {
        const a = (k < 2 ? 1 : 2) + 4 * ty;
        const b = (k % 2 === 0 ? 2 : 3) + 4 * ty;
        const idx = s.inner(ty, k);
        out[idx] = (out[idx] as number) + ((tb.alpha[(i - 1) * t + a] as number) * (x[idx] as number) * (e[i * t + b] as number) * (tb.beta[i * t + b] as number)) / norm;
      }
    }
  }
}

/**
 * Reusable buffers for forwardBackward, grown as needed: training and parsing run it once per
 * sentence, and fresh arrays per call made the garbage collector a large share of training.
 */
export class CrfWorkspace {
  e = new Float64Array(0);
  alpha = new Float64Array(0);
  beta = new Float64Array(0);
  marginals = new Float64Array(0);
  emit = new Float64Array(0);
  scale = new Float64Array(0);
  sE = new Float64Array(0);
  rE = new Float64Array(0);
  /** Viterbi scratch */
  delta = new Float64Array(0);
  back = new Int32Array(0);
  /** one unit's tags (backward pass scratch) */
  v = new Float64Array(0);

  /** Makes room for n units × t tags (a caller's emission view of an older buffer stays valid). */
  reserve(n: number, t: number): void {
    if (this.e.length < n * t) {
      const cells = Math.max(n * t, 2 * this.e.length);
      this.e = new Float64Array(cells);
      this.alpha = new Float64Array(cells);
      this.beta = new Float64Array(cells);
      this.marginals = new Float64Array(cells);
      this.emit = new Float64Array(cells);
      this.delta = new Float64Array(cells);
      this.back = new Int32Array(cells);
    }
    if (this.v.length < t) this.v = new Float64Array(t);
    if (this.scale.length < n) {
      const units = Math.max(n, 2 * this.scale.length);
      this.scale = new Float64Array(units);
      this.sE = new Float64Array(units);
      this.rE = new Float64Array(units);
    }
  }

  /** A zeroed emission buffer of n × t cells. */
  emissions(n: number, t: number): Float64Array {
    this.reserve(n, t);
    const emit = this.emit.subarray(0, n * t);
    emit.fill(0);
    return emit;
  }
}

/**
 * `expTrans` = exp(packed transition parameters); `expected` receives E[transition counts].
 * With a workspace the returned marginals are a view into it, valid until its next use.
 */
export function forwardBackward(s: CrfStructure, emit: Float64Array, n: number, expTrans: Float64Array, expected?: Float64Array, ws: CrfWorkspace = new CrfWorkspace()): Lattice {
  const t = s.tags;
  ws.reserve(n, t);
  const e = ws.e;
  const { alpha, beta, scale, sE, rE } = ws;
  const pass: Pass = { s, x: expTrans, e, n };
  let logZ = expEmissions(emit, n, t, e);
  forward(pass, alpha, scale, sE);
  for (let i = 0; i < n; i++) logZ += Math.log(scale[i] as number);
  let endMass = 0;
  for (let y = 0; y < t; y++) if (s.ends[y]) endMass += alpha[(n - 1) * t + y] as number;
  logZ += Math.log(endMass);
  backward(pass, beta, scale, rE, ws.v);
  const marginals = ws.marginals;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let y = 0; y < t; y++) sum += (marginals[i * t + y] = (alpha[i * t + y] as number) * (beta[i * t + y] as number));
    for (let y = 0; y < t; y++) marginals[i * t + y] = (marginals[i * t + y] as number) / sum;
  }
  if (expected) addExpectedCounts(pass, { alpha, beta, marginals, scale, sE, rE, endMass }, expected);
  return { marginals: marginals.subarray(0, n * t), logZ };
}
