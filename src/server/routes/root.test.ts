import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';
import { PARLEY_VERSION } from '../version.js';

describe('root routes', () => {
  it('GET / answers the health text, without auth', async () => {
    const { app } = await testApp({ authToken: 'secret' });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe(`Hello from Parley: ${PARLEY_VERSION}`);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /version reports the Rasa-compatible version and ours, without auth', async () => {
    const { app } = await testApp({ authToken: 'secret' });
    const res = await app.inject('/version');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: '3.6.21', minimum_compatible_version: '3.6.21', parley: PARLEY_VERSION });
  });

  it('without the API, only / and the channels exist', async () => {
    const { app } = await testApp({ enableApi: false });
    expect((await app.inject('/')).statusCode).toBe(200);
    expect((await app.inject('/version')).statusCode).toBe(404);
    expect((await app.inject('/status')).statusCode).toBe(404);
    expect((await app.inject('/webhooks/rest/')).json()).toEqual({ status: 'ok' });
  });

  it('unknown routes get a Rasa error body', async () => {
    const { app } = await testApp();
    const res = await app.inject('/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 'failure', reason: 'NotFound', code: 404, version: '3.6.21' });
  });

  it('a configured channel is absent when not listed', async () => {
    const { app } = await testApp({ channels: {} });
    expect((await app.inject({ method: 'POST', url: '/webhooks/rest/webhook', payload: { message: 'hi' } })).statusCode).toBe(404);
  });

  it('answers CORS preflights for configured origins', async () => {
    const { app } = await testApp({ cors: ['*'] });
    const res = await app.inject({
      method: 'OPTIONS', url: '/webhooks/rest/webhook',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
