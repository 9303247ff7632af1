// Adam on float32 parameters whose gradient lives in a separate (possibly compact) buffer: the intent
// network keeps the gradient of the input rows a mini-batch touched in a small row cache, not in a
// second inputSize × hidden matrix. Same arithmetic as classifiers/adam.ts, monomorphic for speed.
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

export interface AdamStep { rate: number; scale: number; l2: number }

export class Adam32 {
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(readonly params: Float32Array) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }

  /** params[at, at+length) -= Adam(grad[from, from+length)·scale + l2·w); that gradient range is cleared. */
  step(at: number, grad: Float32Array, from: number, length: number, o: AdamStep): void {
    const { params, m, v } = this;
    const { rate, scale, l2 } = o;
    for (let k = 0; k < length; k++) {
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
}
