// The scaled forward and backward passes of the factorised BILOU CRF (see crf-structure.ts), used by
// forward-backward.ts for training gradients and parse-time confidences.
import type { CrfStructure } from './crf-structure.js';
import { inKernelRange } from './simd-exp.js';
import type { WasmPasses } from './wasm-passes.js';

/**
 * exp(emit − max per unit), with the maxima summed so log Z can be recovered. The differences are
 * written to `out` first, then exp'd in place: in WebAssembly with `kernel` (whose e is `out`), with
 * Math.exp's bits, else by Math.exp; a difference outside the kernel's range (below −700, or NaN)
 * takes Math.exp too.
 */
export function expEmissions(emit: Float64Array, n: number, t: number, out: Float64Array, kernel?: WasmPasses): number {
  let shift = 0;
  let inRange = true;
  // in WebAssembly: a copy, then each unit's extremes and differences in one call (the loops below
  // were a third of the span confidences' time)
  if (kernel?.e === out && n * t > 0) {
    out.set(emit.length === n * t ? emit : emit.subarray(0, n * t));
    if (kernel.shiftRows(n)) {
      const extremes = kernel.extremes;
      for (let i = 0; i < n; i++) {
        const max = extremes[2 * i] as number;
        shift += max;
        if (!inKernelRange((extremes[2 * i + 1] as number) - max)) inRange = false;
      }
      if (inRange && kernel.expInPlace(n * t)) return shift;
      for (let k = 0; k < n * t; k++) out[k] = Math.exp(out[k] as number);
      return shift;
    }
  }
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    let min = Infinity;
    for (let y = 0; y < t; y++) {
      const v = emit[i * t + y] as number;
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    shift += max;
    // every difference lies in [min − max, 0] (NaN: the check fails)
    if (!inKernelRange(min - max)) inRange = false;
    for (let y = 0; y < t; y++) out[i * t + y] = (emit[i * t + y] as number) - max;
  }
  if (inRange && kernel?.e === out && kernel.expInPlace(n * t)) return shift;
  for (let k = 0; k < n * t; k++) out[k] = Math.exp(out[k] as number);
  return shift;
}

export interface Pass { s: CrfStructure; x: Float64Array; e: Float64Array; n: number }

/**
 * α_i (scaled to sum 1; the scales go to `scale`); `sE[i]` keeps Σ_{entity ends a} α_{i-1}(a)·X_out(a).
 * Tags come in blocks of four per type (B, I, L, U after O): the loops walk the blocks rather than
 * test each tag's kind (this runs for every unit of every parse), adding in tag order as before.
 * With `kernel` (wasm-passes.ts), units after the first run there, with the same numbers.
 */
export function forward(p: Pass, alpha: Float64Array, scale: Float64Array, sE: Float64Array, kernel?: WasmPasses): void {
  const { s, e, n } = p;
  const t = s.tags;
  let sum = 0;
  for (let b = 0; b < t; b++) {
    const v = (s.starts[b] ? 1 : 0) * (e[b] as number);
    alpha[b] = v;
    sum += v;
  }
  sE[0] = 0;
  scale[0] = sum;
  for (let b = 0; b < t; b++) alpha[b] = (alpha[b] as number) / sum;
  // the kernel's memory holds e, alpha, scale and sE: the arrays passed in are its views
  if (kernel) kernel.run(p.x, n);
  else for (let i = 1; i < n; i++) forwardStep(p, i, alpha, scale, sE);
}

function forwardStep(p: Pass, i: number, alpha: Float64Array, scale: Float64Array, sE: Float64Array): void {
  const { s, x, e } = p;
  const t = s.tags;
  const L = s.layout;
  const prev = (i - 1) * t;
  const at = i * t;
  const sO = (alpha[prev] as number) * (x[L.out] as number);
  let sEnt = 0;
  for (let b = 1; b < t; b += 4) {
    sEnt += (alpha[prev + b + 2] as number) * (x[L.out + b + 2] as number);
    sEnt += (alpha[prev + b + 3] as number) * (x[L.out + b + 3] as number);
  }
  sE[i] = sEnt;
  const adj = x[L.adj] as number;
  const v0 = (x[L.in] as number) * (sO + sEnt * 1) * (e[at] as number);
  alpha[at] = v0;
  let sum = v0;
  const start = sO + sEnt * adj;
  for (let ty = 0, b = 1; b < t; ty++, b += 4) {
    const inner = L.inner + 4 * ty;
    const aB = alpha[prev + b] as number;
    const aI = alpha[prev + b + 1] as number;
    const vB = (x[L.in + b] as number) * start * (e[at + b] as number);
    const vI = (aB * (x[inner] as number) + aI * (x[inner + 2] as number)) * (e[at + b + 1] as number);
    const vL = (aB * (x[inner + 1] as number) + aI * (x[inner + 3] as number)) * (e[at + b + 2] as number);
    const vU = (x[L.in + b + 3] as number) * start * (e[at + b + 3] as number);
    alpha[at + b] = vB;
    alpha[at + b + 1] = vI;
    alpha[at + b + 2] = vL;
    alpha[at + b + 3] = vU;
    sum += vB;
    sum += vI;
    sum += vL;
    sum += vU;
  }
  scale[i] = sum;
  for (let b = 0; b < t; b++) alpha[at + b] = (alpha[at + b] as number) / sum;
}

/**
 * β_i scaled by the forward scales, for units `stop` ≤ i < n (β_i needs only the units after i:
 * a caller wanting the marginals of the later units alone stops early);
 * `rE[i+1]` keeps Σ_{entity starts b} X_in(b)·e_{i+1}(b)·β_{i+1}(b)/c_{i+1}.
 */
export function backward(p: Pass, beta: Float64Array, scale: Float64Array, rE: Float64Array, v: Float64Array, stop = 0, kernel?: WasmPasses): void {
  const { s, n } = p;
  const t = s.tags;
  for (let y = 0; y < t; y++) beta[(n - 1) * t + y] = s.ends[y] ? 1 : 0;
  // with the kernel, beta, rE and v are its views (and forward ran there: it holds x)
  if (kernel) kernel.runBackward(n, stop);
  else for (let i = n - 2; i >= stop; i--) backwardStep(p, i, beta, scale, rE, v);
}

function backwardStep(p: Pass, i: number, beta: Float64Array, scale: Float64Array, rE: Float64Array, v: Float64Array): void {
  const { s, x, e } = p;
  const t = s.tags;
  const L = s.layout;
  const c = scale[i + 1] as number;
  // v[b] = e_{i+1}(b)·β_{i+1}(b) / c_{i+1}
  const next = (i + 1) * t;
  for (let b = 0; b < t; b++) v[b] = ((e[next + b] as number) * (beta[next + b] as number)) / c;
  const rO = (x[L.in] as number) * (v[0] as number);
  let rEnt = 0;
  for (let b = 1; b < t; b += 4) {
    rEnt += (x[L.in + b] as number) * (v[b] as number);
    rEnt += (x[L.in + b + 3] as number) * (v[b + 3] as number);
  }
  rE[i + 1] = rEnt;
  const at = i * t;
  const adj = x[L.adj] as number;
  beta[at] = (x[L.out] as number) * (rO + rEnt * 1);
  const end = rO + rEnt * adj;
  for (let ty = 0, a = 1; a < t; ty++, a += 4) {
    const inner = L.inner + 4 * ty;
    const vI = v[a + 1] as number;
    const vL = v[a + 2] as number;
    // B-x: B→I, B→L; I-x: I→I, I→L; L-x and U-x end the entity
    beta[at + a] = (x[inner] as number) * vI + (x[inner + 1] as number) * vL;
    beta[at + a + 1] = (x[inner + 2] as number) * vI + (x[inner + 3] as number) * vL;
    beta[at + a + 2] = (x[L.out + a + 2] as number) * end;
    beta[at + a + 3] = (x[L.out + a + 3] as number) * end;
  }
}
