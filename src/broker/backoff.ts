// Exponential backoff with full jitter for reconnects: many workers losing the same broker do
// not come back in lockstep.
export interface BackoffOptions {
  /** first delay; default 100 ms */
  initialMs?: number;
  /** the cap; default 5000 ms */
  maxMs?: number;
  /** default 2 */
  factor?: number;
  /** returns [0, 1); default Math.random */
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 100;
    this.maxMs = opts.maxMs ?? 5000;
    this.factor = opts.factor ?? 2;
    this.random = opts.random ?? Math.random;
  }

  /** The next delay: a random point in the upper half of the capped exponential window. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    this.attempt += 1;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  reset(): void { this.attempt = 0; }
}
