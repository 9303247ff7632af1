import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../../observability/exposition.test-helper.js';
import { createMetrics } from '../../observability/metrics.js';
import { testApp } from '../testing/test-app.js';

const SECRET = 'jwt-secret-for-metrics';
const sign = (role: string) => createSigner({ key: SECRET, algorithm: 'HS256' })({ user: { username: 'ops', role } });

describe('GET /metrics', () => {
  it('serves the Prometheus text format', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.countError('INTERNAL');
    const { app } = await testApp({ metrics });
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(parseExposition(res.body), 'parley_errors_total', { kind: 'INTERNAL' })).toBe(1);
  });

  it('is behind the API auth: token or admin JWT; a user JWT is refused', async () => {
    const { app } = await testApp({ metrics: createMetrics({ defaultMetrics: false }), authToken: 'S', jwtSecret: SECRET });
    expect((await app.inject('/metrics')).statusCode).toBe(401);
    expect((await app.inject('/metrics?token=wrong')).statusCode).toBe(401);
    expect((await app.inject('/metrics?token=S')).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${sign('admin')}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${sign('user')}` } })).statusCode).toBe(403);
  });

  it('is absent without metrics', async () => {
    const { app } = await testApp();
    expect((await app.inject('/metrics')).statusCode).toBe(404);
  });

  it('counts and times requests by route pattern and status, never by raw URL', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const { app } = await testApp({ metrics });
    await app.inject('/conversations/secret-user-1/tracker');
    await app.inject('/conversations/secret-user-2/tracker');
    await app.inject('/no/such/route');
    await app.inject({ method: 'POST', url: '/webhooks/rest/webhook', payload: { sender: 'u', message: 'hi' } });
    const text = await metrics.exposition();
    expect(text).not.toContain('secret-user');
    const e = parseExposition(text);
    expect(sampleValue(e, 'parley_http_requests_total', { method: 'GET', route: '/conversations/:conversation_id/tracker', status: '200' })).toBe(2);
    expect(sampleValue(e, 'parley_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(sampleValue(e, 'parley_http_requests_total', { method: 'POST', route: '/webhooks/rest/webhook', status: '200' })).toBe(1);
    expect(sampleValue(e, 'parley_http_request_duration_seconds_count', { method: 'GET', route: '/conversations/:conversation_id/tracker' })).toBe(2);
  });
});
