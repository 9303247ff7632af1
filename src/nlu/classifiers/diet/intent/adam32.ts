// Adam on float32 parameters whose gradient lives in a separate (possibly compact) buffer: the intent
// network keeps the gradient of the input rows a mini-batch touched in a small row cache, not in a
// second inputSize × hidden matrix. Same arithmetic as classifiers/adam.ts, monomorphic for speed.
export const BETA1 = 0.9;
export const BETA2 = 0.999;
export const EPSILON = 1e-8;

export interface AdamStep { rate: number; scale: number; l2: number }

/**
 * params[at + k] -= Adam(grad[from + k]·scale + l2·w) for k in [start, length), moments in m and v
 * (indexed like params); that gradient range is cleared.
 */
export function adamRange(params: Float32Array, m: Float32Array, v: Float32Array, grad: Float32Array, at: number, from: number, start: number, length: number, o: AdamStep): void {
  const { rate, scale, l2 } = o;
  for (let k = start; k < length; k++) {
    const i = at + k;
    const w = params[i] as number;
    const g = (grad[from + k] as number) * scale + l2 * w;
    const mi = BETA1 * (m[i] as number) + (1 - BETA1) * g;
    const vi = BETA2 * (v[i] as number) + (1 - BETA2) * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = w - (rate * mi) / (Math.sqrt(vi) + EPSILON);
    grad[from + k] = 0;
  }
}

export class Adam32 {
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(readonly params: Float32Array) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }

  /** params[at, at+length) -= Adam(grad[from, from+length)·scale + l2·w); that gradient range is cleared. */
  step(at: number, grad: Float32Array, from: number, length: number, o: AdamStep): void {
    adamRange(this.params, this.m, this.v, grad, at, from, 0, length, o);
  }
}
