import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../errors.js';
import { ERROR_BODY_KEYS, testApp } from '../testing/test-app.js';

describe('error handler', () => {
  it('an unexpected engine error is a 500 with no stack and no internal message', async () => {
    const { app, agent, logs } = await testApp();
    agent.fault = new Error('ECONNREFUSED 10.0.0.7:5432 (secret dsn postgres://parley:hunter2@db)');
    const res = await app.inject('/conversations/x/tracker');
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(ERROR_BODY_KEYS);
    expect(body).toMatchObject({ status: 'failure', reason: 'InternalError', code: 500, details: { request_id: res.headers['x-request-id'] } });
    expect(res.body).not.toMatch(/hunter2|ECONNREFUSED|at .*\.ts|stack/);
    const logged = logs.lines().find((l) => l['event'] === 'http.request.failed');
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
    expect(logged?.['request_id']).toBe(res.headers['x-request-id']);
  });

  it('maps ParleyError codes to their status and Rasa reason', async () => {
    const { app, agent } = await testApp();
    const cases = [
      [new ParleyError('LOCK_TIMEOUT', 'The conversation is busy.'), 503, 'ServiceUnavailable'],
      [new ParleyError('STORE_APPEND_CONFLICT', 'Concurrent update.'), 409, 'Conflict'],
      [new ParleyError('NLU_FAILED', 'NLU failed.'), 500, 'ParsingError'],
    ] as const;
    for (const [err, status, reason] of cases) {
      agent.fault = err;
      const res = await app.inject({ method: 'POST', url: '/model/parse', payload: { text: 'hi' } });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ reason, message: err.message, code: status });
    }
  });

  it('schema violations are 400 BadRequest in the same shape', async () => {
    const { app } = await testApp();
    const bad = await app.inject({ method: 'POST', url: '/conversations/x/execute', payload: { name: { a: 1 } } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json()).sort()).toEqual(ERROR_BODY_KEYS);
    expect(bad.json()).toMatchObject({ reason: 'BadRequest', details: { parameter: 'name', in: 'body' } });
  });
});
