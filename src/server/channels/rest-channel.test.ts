import { describe, expect, it } from 'vitest';
import { botEvent } from '../../core/index.js';
import { FRIENDLY_ERROR_TEXT_EN, FRIENDLY_ERROR_TEXT_ZH } from '../server-options.js';
import { testApp } from '../testing/test-app.js';

const URL_ = '/webhooks/rest/webhook';

describe('REST channel', () => {
  it('GET /webhooks/rest/ is a health check', async () => {
    const { app } = await testApp();
    expect((await app.inject('/webhooks/rest/')).json()).toEqual({ status: 'ok' });
  });

  it('answers the bot messages as a JSON array', async () => {
    const { app, agent } = await testApp();
    const res = await app.inject({ method: 'POST', url: URL_, payload: { sender: 'u1', message: '  hello  ', metadata: { page: 'home' } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ recipient_id: 'u1', text: 'echo: hello' }]);
    const user = agent.storedEvents('u1').find((e) => e.event === 'user');
    expect(user).toMatchObject({ text: 'hello', input_channel: 'rest', metadata: { page: 'home' } });
  });

  it('parses the body as JSON whatever the Content-Type (text/plain, none, odd ones)', async () => {
    const { app } = await testApp();
    const body = JSON.stringify({ sender: 'w', message: 'hi' });
    for (const headers of [{ 'content-type': 'text/plain;charset=UTF-8' }, {}, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const res = await app.inject({ method: 'POST', url: URL_, headers, payload: body });
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(res.json()).toEqual([{ recipient_id: 'w', text: 'echo: hi' }]);
    }
  });

  it('defaults the sender to "default" and honours an input_channel override', async () => {
    const { app, agent } = await testApp();
    await app.inject({ method: 'POST', url: URL_, payload: { message: 'hi', input_channel: 'kiosk' } });
    expect(agent.storedEvents('default').find((e) => e.event === 'user')).toMatchObject({ input_channel: 'kiosk' });
    const numeric = await app.inject({ method: 'POST', url: URL_, payload: { sender: 42, message: 'hi' } });
    expect(numeric.json()[0].recipient_id).toBe('42');
  });

  it('400 for invalid JSON or a missing message, in Rasa shape', async () => {
    const { app } = await testApp();
    const bad = await app.inject({ method: 'POST', url: URL_, headers: { 'content-type': 'text/plain' }, payload: '{oops' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ reason: 'BadRequest', status: 'failure', code: 400 });
    const missing = await app.inject({ method: 'POST', url: URL_, payload: { sender: 'x' } });
    expect(missing.json()).toMatchObject({ code: 400, details: { parameter: 'message', in: 'body' } });
  });

  it('applies Rasa dispatch rules to rich responses', async () => {
    const reply = () => [botEvent('a\n\nb'), botEvent('pick', { buttons: [{ title: 'x', payload: '/x' }], image: 'https://i' })];
    const { app } = await testApp({}, { reply });
    const res = await app.inject({ method: 'POST', url: URL_, payload: { sender: 'r', message: 'go' } });
    expect(res.json()).toEqual([
      { recipient_id: 'r', text: 'a' }, { recipient_id: 'r', text: 'b' },
      { recipient_id: 'r', text: 'pick', buttons: [{ title: 'x', payload: '/x' }] }, { recipient_id: 'r', image: 'https://i' },
    ]);
  });

  it('?stream=true answers text/event-stream, one JSON message per line', async () => {
    const { app } = await testApp({}, { reply: (t) => [botEvent(`1 ${t}`), botEvent(`2 ${t}`)] });
    const res = await app.inject({ method: 'POST', url: `${URL_}?stream=true`, payload: { sender: 's', message: 'hi' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const lines = res.body.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ recipient_id: 's', text: '1 hi' }, { recipient_id: 's', text: '2 hi' }]);
  });

  it('logs one turn.completed line per turn', async () => {
    const { app, logs } = await testApp();
    await app.inject({ method: 'POST', url: URL_, payload: { sender: 'L', message: '/mood_great' } });
    const turn = logs.lines().filter((l) => l['event'] === 'turn.completed');
    expect(turn).toHaveLength(1);
    expect(turn[0]).toMatchObject({ msg: 'turn.completed', sender_id: 'L', intent: 'mood_great', confidence: 1, channel: 'rest' });
    expect(typeof turn[0]?.['latency_ms']).toBe('number');
    expect(typeof turn[0]?.['request_id']).toBe('string');
  });
});

describe('REST channel when the turn fails', () => {
  const failing = { reply: (): never => { throw new Error('pg: password authentication failed for user parley'); } };

  it('answers 200 with one friendly message and logs the cause with the request id', async () => {
    const { app, logs } = await testApp({}, failing);
    const res = await app.inject({ method: 'POST', url: URL_, payload: { sender: 'f', message: 'hi' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ recipient_id: 'f', text: FRIENDLY_ERROR_TEXT_EN }]);
    expect(res.body).not.toContain('password');
    const failed = logs.lines().find((l) => l['event'] === 'turn.failed');
    expect(failed?.['request_id']).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(failed?.['err'])).toContain('password authentication failed');
  });

  it('speaks Chinese for a zh bot, or the configured text', async () => {
    const zh = await testApp({}, { ...failing, language: 'zh-CN' });
    expect((await zh.app.inject({ method: 'POST', url: URL_, payload: { message: '你好' } })).json()[0].text).toBe(FRIENDLY_ERROR_TEXT_ZH);
    const custom = await testApp({ friendlyErrorText: 'Be right back.' }, failing);
    expect((await custom.app.inject({ method: 'POST', url: URL_, payload: { message: 'hi' } })).json()[0].text).toBe('Be right back.');
  });

  it('streams the friendly message too', async () => {
    const { app } = await testApp({}, failing);
    const res = await app.inject({ method: 'POST', url: `${URL_}?stream=true`, payload: { sender: 'f', message: 'hi' } });
    expect(res.body).toBe(`${JSON.stringify({ recipient_id: 'f', text: FRIENDLY_ERROR_TEXT_EN })}\n`);
  });
});
