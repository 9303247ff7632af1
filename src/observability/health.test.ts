import { describe, expect, it } from 'vitest';
import { HealthRegistry, pingCheck, stateCheck } from './health.js';

const never = (signal: AbortSignal): Promise<never> => new Promise((_, reject) => {
  signal.addEventListener('abort', () => reject(new Error('aborted')));
});

describe('HealthRegistry', () => {
  it('is ready with no checks, and lists each check with its latency', async () => {
    expect(await new HealthRegistry().readiness()).toEqual({ ready: true, status: 'ready', checks: [] });
    const health = new HealthRegistry().register(stateCheck({ name: 'model', critical: true, ok: () => true }));
    const report = await health.readiness();
    expect(report.ready).toBe(true);
    expect(report.checks).toEqual([{ name: 'model', ok: true, critical: true, latency_ms: expect.any(Number) }]);
  });

  it('goes unready when a critical check fails or throws, degraded when only a non-critical one does', async () => {
    let storeUp = true;
    let redisUp = true;
    const health = new HealthRegistry()
      .register(pingCheck({ name: 'tracker_store', critical: true, ping: async () => { if (!storeUp) throw new Error('ECONNREFUSED'); } }))
      .register(pingCheck({ name: 'redis', critical: false, ping: async () => { if (!redisUp) throw new Error('redis down'); } }));
    expect((await health.readiness()).status).toBe('ready');
    redisUp = false;
    const degraded = await health.readiness();
    expect(degraded).toMatchObject({ ready: true, status: 'degraded' });
    expect(degraded.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: false, detail: 'redis down' });
    storeUp = false;
    const unready = await health.readiness();
    expect(unready).toMatchObject({ ready: false, status: 'unready' });
    expect(unready.checks.find((c) => c.name === 'tracker_store')).toMatchObject({ ok: false, critical: true, detail: 'ECONNREFUSED' });
    storeUp = true;
    redisUp = true;
    expect((await health.readiness()).status).toBe('ready');
  });

  it('fails a check that does not answer within its timeout, and aborts it', async () => {
    let aborted = false;
    const health = new HealthRegistry({ timeoutMs: 50 }).register({
      name: 'slow', critical: true,
      check: (signal) => { signal.addEventListener('abort', () => { aborted = true; }); return never(signal); },
    }).register({ name: 'own_timeout', critical: false, timeoutMs: 500, check: async () => ({ ok: true }) });
    const started = performance.now();
    const report = await health.readiness();
    expect(performance.now() - started).toBeLessThan(400);
    expect(report).toMatchObject({ ready: false, status: 'unready' });
    expect(report.checks[0]).toMatchObject({ name: 'slow', ok: false, detail: 'timed out after 50 ms' });
    expect(report.checks[0]?.latency_ms).toBeGreaterThanOrEqual(45);
    expect(aborted).toBe(true);
  });

  it('reports draining once setDraining is called, without running checks', async () => {
    let runs = 0;
    const health = new HealthRegistry().register({ name: 'x', critical: true, check: async () => { runs += 1; return { ok: true }; } });
    expect((await health.readiness()).ready).toBe(true);
    health.setDraining();
    expect(health.draining).toBe(true);
    expect(await health.readiness()).toEqual({ ready: false, status: 'draining', checks: [] });
    expect(runs).toBe(1);
  });

  it('shares one run between concurrent probes and rejects duplicate names', async () => {
    let runs = 0;
    const health = new HealthRegistry().register({ name: 'x', critical: true, check: async () => { runs += 1; await new Promise((r) => setTimeout(r, 10)); return { ok: true }; } });
    await Promise.all([health.readiness(), health.readiness(), health.readiness()]);
    expect(runs).toBe(1);
    expect(() => health.register(stateCheck({ name: 'x', critical: false, ok: () => true }))).toThrow(/twice/);
  });
});
