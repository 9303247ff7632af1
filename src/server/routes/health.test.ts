import { describe, expect, it } from 'vitest';
import { HealthRegistry, stateCheck } from '../../observability/health.js';
import { testApp } from '../testing/test-app.js';

describe('/health routes', () => {
  it('/health/live answers 200 without auth', async () => {
    const { app } = await testApp({ authToken: 'S', enableApi: false });
    const res = await app.inject('/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/health/ready flips between 200 and 503 with the checks, and stays 503 once draining', async () => {
    let modelLoaded = false;
    const health = new HealthRegistry().register(stateCheck({ name: 'model', critical: true, ok: () => modelLoaded, detail: () => (modelLoaded ? undefined : 'no model loaded') }));
    const { app } = await testApp({ authToken: 'S', health });
    const notYet = await app.inject('/health/ready');
    expect(notYet.statusCode).toBe(503);
    expect(notYet.json()).toEqual({ status: 'unready', checks: [{ name: 'model', ok: false, critical: true, detail: 'no model loaded', latency_ms: expect.any(Number) }] });
    modelLoaded = true;
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
    health.setDraining();
    const draining = await app.inject('/health/ready');
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toEqual({ status: 'draining', checks: [] });
    expect((await app.inject('/health/live')).statusCode).toBe(200);
  });

  it('is ready by default when no health registry is given', async () => {
    const { app } = await testApp();
    expect((await app.inject('/health/ready')).statusCode).toBe(200);
  });
});
