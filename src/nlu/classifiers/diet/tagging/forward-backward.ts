// Scaled forward-backward for the factorised BILOU CRF (see crf-structure.ts): per-unit tag
// marginals, log Z, and optionally the expected transition counts (the gradient of log Z).
import { backward, expEmissions, forward, type Pass } from './crf-passes.js';
import type { CrfStructure } from './crf-structure.js';
import { WasmPasses } from './wasm-passes.js';

/** Units first..last, inclusive. */
export interface UnitRange { first: number; last: number }

export interface Lattice {
  /** n × tags marginal probabilities */
  marginals: Float64Array;
  logZ: number;
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

  /** the forward and backward passes in WebAssembly (holding e, alpha, beta, scale, sE, rE, v), once enabled where available */
  kernel: WasmPasses | undefined;
  private kernelTried = false;

  /** Runs the forward and backward passes in WebAssembly from now on, where available (t tags, `size` transitions). */
  enableKernel(t: number, size: number): void {
    if (this.kernelTried) return;
    this.kernelTried = true;
    this.kernel = WasmPasses.create(t, size);
  }

  /** Makes room for n units × t tags (a caller's emission view of an older buffer stays valid). */
  reserve(n: number, t: number): void {
    if (this.back.length < n * t) {
      const cells = Math.max(n * t, 2 * this.back.length);
      if (!this.kernel) {
        this.e = new Float64Array(cells);
        this.alpha = new Float64Array(cells);
        this.beta = new Float64Array(cells);
      }
      this.marginals = new Float64Array(cells);
      this.emit = new Float64Array(cells);
      this.delta = new Float64Array(cells);
      this.back = new Int32Array(cells);
    }
    if (this.kernel) {
      this.kernel.reserve(n);
      ({ e: this.e, alpha: this.alpha, scale: this.scale, sE: this.sE, beta: this.beta, rE: this.rE, v: this.v } = this.kernel);
      return;
    }
    if (this.v.length < t) this.v = new Float64Array(t);
    if (this.rE.length < n) {
      const units = Math.max(n, 2 * this.rE.length);
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
  const { logZ, endMass } = alphaBeta(s, emit, n, expTrans, ws);
  const { alpha, beta, marginals } = ws;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let y = 0; y < t; y++) sum += (marginals[i * t + y] = (alpha[i * t + y] as number) * (beta[i * t + y] as number));
    for (let y = 0; y < t; y++) marginals[i * t + y] = (marginals[i * t + y] as number) / sum;
  }
  if (expected) addExpectedCounts({ s, x: expTrans, e: ws.e, n }, { alpha, beta, marginals, scale: ws.scale, sE: ws.sE, rE: ws.rE, endMass }, expected);
  return { marginals: marginals.subarray(0, n * t), logZ };
}

/** The forward and backward passes into `ws` (alpha, beta), without the n × tags marginals. */
function alphaBeta(s: CrfStructure, emit: Float64Array, n: number, expTrans: Float64Array, ws: CrfWorkspace): { logZ: number; endMass: number } {
  const t = s.tags;
  ws.enableKernel(t, expTrans.length);
  ws.reserve(n, t);
  const { alpha, beta, scale, sE, rE } = ws;
  const pass: Pass = { s, x: expTrans, e: ws.e, n };
  let logZ = expEmissions(emit, n, t, ws.e, ws.kernel);
  forward(pass, alpha, scale, sE, ws.kernel);
  for (let i = 0; i < n; i++) logZ += Math.log(scale[i] as number);
  let endMass = 0;
  for (let y = 0; y < t; y++) if (s.ends[y]) endMass += alpha[(n - 1) * t + y] as number;
  logZ += Math.log(endMass);
  backward(pass, beta, scale, rE, ws.v, 0, ws.kernel);
  return { logZ, endMass };
}

/**
 * The marginal of `path[i]` at each unit i of `spans`, the same numbers as forwardBackward's
 * marginals, into `out`: decoding needs only the chosen tag's probability within the decoded spans,
 * not all n × tags of them, and not log Z. The forward pass still runs over every unit (the
 * backward pass divides by its scales), the backward pass only down to the first span.
 */
export function pathMarginals(s: CrfStructure, emit: Float64Array, n: number, expTrans: Float64Array, path: Int32Array, spans: readonly UnitRange[], ws: CrfWorkspace, out: Float64Array): void {
  const t = s.tags;
  ws.enableKernel(t, expTrans.length);
  ws.reserve(n, t);
  const { alpha, beta, scale, sE, rE } = ws;
  const pass: Pass = { s, x: expTrans, e: ws.e, n };
  expEmissions(emit, n, t, ws.e, ws.kernel);
  forward(pass, alpha, scale, sE, ws.kernel);
  let first = n;
  for (const span of spans) first = Math.min(first, span.first);
  backward(pass, beta, scale, rE, ws.v, first, ws.kernel);
  for (const span of spans) {
    for (let i = span.first; i <= span.last; i++) {
      let sum = 0;
      for (let y = 0; y < t; y++) sum += (alpha[i * t + y] as number) * (beta[i * t + y] as number);
      const y = path[i] as number;
      out[i] = ((alpha[i * t + y] as number) * (beta[i * t + y] as number)) / sum;
    }
  }
}
