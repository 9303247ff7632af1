import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';

const post = (url: string, payload?: unknown) => ({ method: 'POST' as const, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function chatted(id = 'u1') {
  const t = await testApp();
  await t.app.inject(post('/webhooks/rest/webhook', { sender: id, message: 'hi' }));
  return t;
}

describe('POST /conversations/:id/messages', () => {
  it('logs a user message without predicting', async () => {
    const { app, agent } = await testApp();
    const res = await app.inject(post('/conversations/m1/messages?include_events=ALL', { text: 'greet you', sender: 'user' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().latest_message).toMatchObject({ text: 'greet you', intent: { name: 'greet' } });
    expect(agent.storedEvents('m1').at(-1)?.event).toBe('user');
  });

  it('uses the given parse_data instead of NLU', async () => {
    const { app } = await testApp();
    const parseData = { intent: { name: 'mood_great', confidence: 0.42 }, entities: [], text: 'x' };
    const res = await app.inject(post('/conversations/m1/messages', { text: 'x', sender: 'user', parse_data: parseData }));
    expect(res.json().latest_message.intent).toEqual({ name: 'mood_great', confidence: 0.42 });
  });

  it('rejects any sender other than "user" with Rasa\'s 400', async () => {
    const { app } = await testApp();
    for (const body of [{ text: 'x', sender: 'bot' }, { text: 'x' }]) {
      const res = await app.inject(post('/conversations/m1/messages', body));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ reason: 'BadRequest', details: { parameter: 'sender', in: 'body' } });
    }
  });

  it('requires text (schema validation, Rasa body)', async () => {
    const { app } = await testApp();
    const res = await app.inject(post('/conversations/m1/messages', { sender: 'user' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 'failure', code: 400, details: { parameter: 'text', in: 'body' } });
  });
});

describe('POST /conversations/:id/trigger_intent', () => {
  it('injects the intent and returns tracker plus collected messages', async () => {
    const { app } = await chatted('t1');
    const res = await app.inject(post('/conversations/t1/trigger_intent?include_events=ALL', { name: 'goodbye', entities: { city: 'Oslo' } }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.messages).toEqual([{ recipient_id: 't1', text: 'triggered goodbye' }]);
    expect(body.tracker.latest_message).toMatchObject({ text: 'EXTERNAL: goodbye', entities: [{ entity: 'city', value: 'Oslo' }] });
    expect(body.tracker.latest_input_channel).toBe('rest');
  });

  it('is 404 NotFound for an intent outside the domain', async () => {
    const { app } = await testApp();
    const res = await app.inject(post('/conversations/t1/trigger_intent', { name: 'order_pizza' }));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ reason: 'NotFound', code: 404 });
    expect(res.json().message).toContain('order_pizza');
  });

  it('requires a name', async () => {
    const { app } = await testApp();
    const res = await app.inject(post('/conversations/t1/trigger_intent', { entities: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual({ parameter: 'name', in: 'body' });
  });
});

describe('POST /conversations/:id/predict', () => {
  it('returns scores sorted by score, then name', async () => {
    const { app } = await chatted('p1');
    const res = await app.inject(post('/conversations/p1/predict'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      scores: [{ action: 'utter_echo', score: 0.9 }, { action: 'action_listen', score: 0.1 }], policy: 'FakePolicy', confidence: 0.9,
    });
    expect(res.json().tracker.sender_id).toBe('p1');
  });

  it('accepts an empty JSON body', async () => {
    const { app } = await chatted('p1');
    const res = await app.inject({ method: 'POST', url: '/conversations/p1/predict', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(200);
  });

  it('is 404 for an unknown conversation', async () => {
    const { app } = await testApp();
    expect((await app.inject(post('/conversations/nobody/predict'))).json()).toMatchObject({ code: 404, reason: 'Not found' });
  });
});

describe('POST /conversations/:id/execute', () => {
  it('runs the action and returns tracker plus messages', async () => {
    const { app } = await chatted('e1');
    const res = await app.inject(post('/conversations/e1/execute', { name: 'utter_greet', policy: null, confidence: null }));
    expect(res.statusCode).toBe(200);
    expect(res.json().messages).toEqual([{ recipient_id: 'e1', text: 'said utter_greet' }]);
    expect(res.json().tracker.latest_action_name).toBe('utter_greet');
  });

  it('requires a name and an existing conversation', async () => {
    const { app } = await chatted('e1');
    expect((await app.inject(post('/conversations/e1/execute', {}))).json().details).toEqual({ parameter: 'name', in: 'body' });
    expect((await app.inject(post('/conversations/ghost/execute', { name: 'utter_greet' }))).statusCode).toBe(404);
  });

  it('returns only the tracker when messages go to a pushing output channel', async () => {
    const { app } = await testApp({ channels: { rest: {}, callback: { url: 'http://127.0.0.1:9/unreachable' } } });
    await app.inject(post('/webhooks/rest/webhook', { sender: 'e2', message: 'hi' }));
    const res = await app.inject(post('/conversations/e2/execute?output_channel=callback', { name: 'action_listen' }));
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).toEqual(['tracker']);
    const collected = await app.inject(post('/conversations/e2/execute?output_channel=rest', { name: 'utter_x' }));
    expect(collected.json().messages).toHaveLength(1);
  });
});
