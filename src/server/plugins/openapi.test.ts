// The OpenAPI document is valid (checked by a schema validator) and describes every route.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';

describe('OpenAPI', () => {
  it('/docs/json is a valid OpenAPI 3.1 document covering every route with response schemas', async () => {
    const { app } = await testApp({ channels: { rest: {}, callback: { url: 'http://127.0.0.1:9/cb' }, socketio: {} }, authToken: 'tok' });
    const res = await app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const p of ['/conversations/{conversation_id}/tracker', '/conversations/{conversation_id}/state', '/conversations/{conversation_id}/state/stream',
      '/identities/link', '/identities/{channel_user_id}', '/webhooks/rest/webhook', '/webhooks/socketio/', '/model/parse', '/status', '/version']) {
      expect(paths, p).toContain(p);
    }
    const missing: string[] = [];
    type Op = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Op>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
        const described = ok.some(([code, r]) => code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('/docs serves the browsable page', async () => {
    const { app } = await testApp();
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });
});
