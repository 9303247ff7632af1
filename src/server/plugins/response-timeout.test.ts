import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';

describe('response timeout', () => {
  it('answers 503 in Rasa shape when the handler is too slow', async () => {
    const { app, agent } = await testApp({ responseTimeoutMs: 50 });
    agent.parse = async (text) => {
      await new Promise((r) => setTimeout(r, 200));
      return { text, intent: null, entities: [] };
    };
    const res = await app.inject({ method: 'POST', url: '/model/parse', payload: { text: 'slow' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'failure', reason: 'ServiceUnavailable', code: 503 });
    await new Promise((r) => setTimeout(r, 250)); // the late answer must not crash anything
  });

  it('leaves fast requests alone', async () => {
    const { app } = await testApp({ responseTimeoutMs: 1000 });
    expect((await app.inject({ method: 'POST', url: '/model/parse', payload: { text: 'hi' } })).statusCode).toBe(200);
  });
});
