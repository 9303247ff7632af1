// Readiness: pluggable checks, each under its own timeout, plus a draining flag set on SIGTERM
// so the load balancer stops sending traffic before the listener closes.

export interface HealthCheckResult { ok: boolean; detail?: string }

export interface HealthCheck {
  name: string;
  /** `signal` aborts when the check's timeout passes */
  check(signal: AbortSignal): Promise<HealthCheckResult>;
  /** a failing critical check makes the process unready; a failing non-critical one only degraded */
  critical: boolean;
  /** default: the registry's `timeoutMs` */
  timeoutMs?: number;
}

export interface CheckReport { name: string; ok: boolean; critical: boolean; detail?: string; latency_ms: number }

export type ReadinessStatus = 'ready' | 'degraded' | 'unready' | 'draining';

export interface ReadinessReport {
  ready: boolean;
  status: ReadinessStatus;
  checks: CheckReport[];
}

export interface HealthRegistryOptions {
  /** per-check timeout; default 2000 ms */
  timeoutMs?: number;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];
  private readonly timeoutMs: number;
  private isDraining = false;
  private inFlight: Promise<ReadinessReport> | undefined;

  constructor(opts: HealthRegistryOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 2000;
  }

  register(check: HealthCheck): this {
    if (this.checks.some((c) => c.name === check.name)) throw new Error(`health check "${check.name}" is registered twice`);
    this.checks.push(check);
    return this;
  }

  /** Readiness is false from now on (the process is shutting down). */
  setDraining(): void { this.isDraining = true; }
  get draining(): boolean { return this.isDraining; }

  /** Runs every check in parallel; concurrent probes share one run. */
  readiness(): Promise<ReadinessReport> {
    if (this.isDraining) return Promise.resolve({ ready: false, status: 'draining', checks: [] });
    this.inFlight ??= this.runChecks().finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  private async runChecks(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.checks.map((c) => this.runOne(c)));
    if (this.isDraining) return { ready: false, status: 'draining', checks };
    const criticalFailed = checks.some((c) => c.critical && !c.ok);
    const status: ReadinessStatus = criticalFailed ? 'unready' : checks.some((c) => !c.ok) ? 'degraded' : 'ready';
    return { ready: !criticalFailed, status, checks };
  }

  private async runOne(c: HealthCheck): Promise<CheckReport> {
    const timeoutMs = c.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve({ ok: false, detail: `timed out after ${timeoutMs} ms` });
      }, timeoutMs);
    });
    const run = Promise.resolve()
      .then(() => c.check(controller.signal))
      .catch((err: unknown): HealthCheckResult => ({ ok: false, detail: errorText(err) }));
    const result = await Promise.race([run, timeout]);
    clearTimeout(timer);
    return {
      name: c.name, ok: result.ok === true, critical: c.critical,
      ...(result.detail !== undefined ? { detail: result.detail } : {}),
      latency_ms: Math.round((performance.now() - start) * 10) / 10,
    };
  }
}

export interface PingCheckOptions {
  name: string;
  critical: boolean;
  /** resolves when the dependency answers; throws (or rejects) when it does not */
  ping: (signal: AbortSignal) => Promise<unknown>;
  timeoutMs?: number;
}

/** A check that is ok when `ping` resolves: PostgreSQL `SELECT 1`, Redis `PING`, an HTTP GET. */
export function pingCheck(opts: PingCheckOptions): HealthCheck {
  return {
    name: opts.name, critical: opts.critical,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    async check(signal) {
      await opts.ping(signal);
      return { ok: true };
    },
  };
}

/** A check over state the process already holds (e.g. "a model is loaded"). */
export function stateCheck(opts: { name: string; critical: boolean; ok: () => boolean; detail?: () => string | undefined }): HealthCheck {
  return {
    name: opts.name, critical: opts.critical,
    async check() {
      const detail = opts.detail?.();
      return { ok: opts.ok(), ...(detail !== undefined ? { detail } : {}) };
    },
  };
}
