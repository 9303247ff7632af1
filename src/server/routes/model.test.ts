import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';

describe('GET /status', () => {
  it('describes the loaded model', async () => {
    const { app } = await testApp();
    const res = await app.inject('/status');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ model_file: '20240101-000000-fake.tar.gz', model_id: 'fake0model0id', num_active_training_jobs: 0 });
  });

  it('is 409 Conflict when no model is loaded', async () => {
    const { app } = await testApp({}, { modelLoaded: false });
    const res = await app.inject('/status');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ reason: 'Conflict', code: 409, status: 'failure' });
    expect(res.json().message).toMatch(/No agent loaded/);
  });
});

describe('POST /model/parse', () => {
  it('returns the parse result with null keys dropped', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'POST', url: '/model/parse', payload: { text: 'greet me', message_id: 'm1' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ text: 'greet me', intent: { name: 'greet', confidence: 0.95 }, entities: [], message_id: 'm1' });
    expect(Object.values(body)).not.toContain(null);
  });

  it('accepts emulation_mode and ignores it, logging a note', async () => {
    const { app, logs } = await testApp();
    const res = await app.inject({ method: 'POST', url: '/model/parse?emulation_mode=LUIS', payload: { text: '/goodbye' } });
    expect(res.json().intent).toEqual({ name: 'goodbye', confidence: 1 });
    expect(logs.lines().some((l) => l['event'] === 'model.parse.emulation_ignored' && l['emulation_mode'] === 'LUIS')).toBe(true);
  });

  it('rejects a body without text with a 400 naming the parameter', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'POST', url: '/model/parse', payload: { txt: 'hi' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ reason: 'BadRequest', details: { parameter: 'text', in: 'body' }, code: 400 });
  });

  it('reads the body as JSON whatever its Content-Type (curl -d labels it form-urlencoded)', async () => {
    const { app } = await testApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
        const res = await fetch(`http://127.0.0.1:${port}/model/parse`, { method: 'POST', headers: { 'content-type': type }, body: '{"text": "greet me"}' });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ text: 'greet me', intent: { name: 'greet' } });
      }
      const bad = await fetch(`http://127.0.0.1:${port}/model/parse`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=hi' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ reason: 'BadRequest', message: 'The request body is not valid JSON.' });
    } finally {
      await app.close();
    }
  });

  it('rejects malformed JSON with a 400 in Rasa shape', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'POST', url: '/model/parse', headers: { 'content-type': 'application/json' }, payload: '{"text":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 'failure', reason: 'BadRequest', code: 400 });
  });
});
