// Adam, applied lazily to the ranges a mini-batch touched (sparse rows). The moments have the
// precision of the parameters (float32 for the DIET network, float64 for the linear classifier).
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

type Params = Float32Array | Float64Array;

export class Adam {
  private readonly m: Params;
  private readonly v: Params;

  constructor(readonly params: Params, readonly grad: Params) {
    this.m = params instanceof Float64Array ? new Float64Array(params.length) : new Float32Array(params.length);
    this.v = params instanceof Float64Array ? new Float64Array(params.length) : new Float32Array(params.length);
  }

  /** Bias-corrected step size for update number `step` (1-based). */
  static rate(lr: number, step: number): number {
    return (lr * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
  }

  /** Update params[from, to) from grad·scale (+ l2·w), then clear that gradient range. */
  step(from: number, to: number, o: { rate: number; scale: number; l2: number }): void {
    const { params, grad, m, v } = this;
    for (let i = from; i < to; i++) {
      const w = params[i] as number;
      const g = (grad[i] as number) * o.scale + o.l2 * w;
      const mi = BETA1 * (m[i] as number) + (1 - BETA1) * g;
      const vi = BETA2 * (v[i] as number) + (1 - BETA2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = w - (o.rate * mi) / (Math.sqrt(vi) + EPSILON);
      grad[i] = 0;
    }
  }
}
