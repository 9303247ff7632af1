import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';

const json = { 'content-type': 'application/json' };
type Ev = Record<string, unknown>;
const types = (events: Ev[]): unknown[] => events.map((e) => e['event']);

async function appWithChat(id = 'u1') {
  const t = await testApp();
  await t.app.inject({ method: 'POST', url: '/webhooks/rest/webhook', payload: { sender: id, message: 'hi' } });
  return t;
}

describe('GET /conversations/:id/tracker', () => {
  it('gives a new conversation the session start, without saving it', async () => {
    const { app, agent } = await testApp();
    const res = await app.inject('/conversations/new/tracker');
    expect(res.statusCode).toBe(200);
    const tracker = res.json();
    expect(tracker).toMatchObject({ sender_id: 'new', latest_action_name: 'action_listen', paused: false });
    expect(types(tracker.events)).toEqual(['action', 'session_started', 'action']);
    expect(agent.storedEvents('new')).toHaveLength(0);
  });

  it('returns the conversation with its latest message', async () => {
    const { app } = await appWithChat();
    const tracker = (await app.inject('/conversations/u1/tracker')).json();
    expect(tracker.latest_message).toMatchObject({ text: 'hi' });
    expect(tracker.latest_input_channel).toBe('rest');
  });

  it('include_events ALL / APPLIED / AFTER_RESTART / NONE, case-insensitive', async () => {
    const { app } = await appWithChat();
    await app.inject({ method: 'POST', url: '/conversations/u1/tracker/events', payload: [{ event: 'restart' }, { event: 'action', name: 'action_listen' }] });
    const all = (await app.inject('/conversations/u1/tracker?include_events=all')).json().events as Ev[];
    const applied = (await app.inject('/conversations/u1/tracker?include_events=Applied')).json().events as Ev[];
    const afterRestart = (await app.inject('/conversations/u1/tracker')).json().events as Ev[];
    const none = (await app.inject('/conversations/u1/tracker?include_events=NONE')).json();
    expect(types(all)).toContain('user');
    expect(types(all)).toContain('restart');
    expect(types(afterRestart)).toEqual(['action']);
    expect(applied.length).toBeLessThan(all.length);
    expect(types(applied)).not.toContain('user');
    expect(none.events).toBeNull();
  });

  it('rejects an unknown include_events value with Rasa details', async () => {
    const { app } = await testApp();
    const res = await app.inject('/conversations/u1/tracker?include_events=SOME');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      reason: 'BadRequest', code: 400, details: { parameter: 'include_events', in: 'query' },
      message: expect.stringContaining('include_events'),
    });
  });

  it('replays events up to ?until', async () => {
    const { app } = await testApp();
    await app.inject({
      method: 'POST', url: '/conversations/t/tracker/events?include_events=ALL',
      payload: [{ event: 'slot', name: 'session_started_metadata', value: 1, timestamp: 10 }, { event: 'slot', name: 'session_started_metadata', value: 2, timestamp: 20 }],
    });
    expect((await app.inject('/conversations/t/tracker?until=15')).json().slots.session_started_metadata).toBe(1);
    expect((await app.inject('/conversations/t/tracker')).json().slots.session_started_metadata).toBe(2);
    expect((await app.inject('/conversations/t/tracker?until=soon')).statusCode).toBe(400);
  });

  it('supports conversation ids containing "/" (raw or encoded)', async () => {
    const { app } = await appWithChat('shop/42/alice');
    const raw = (await app.inject('/conversations/shop/42/alice/tracker')).json();
    expect(raw.sender_id).toBe('shop/42/alice');
    expect(raw.latest_message.text).toBe('hi');
    const encoded = (await app.inject('/conversations/shop%2F42%2Falice/tracker')).json();
    expect(encoded.sender_id).toBe('shop/42/alice');
    const posted = await app.inject({ method: 'POST', url: '/conversations/shop/42/alice/tracker/events', payload: { event: 'slot', name: 'city', value: 'Rome' } });
    expect(posted.json().slots.city).toBe('Rome');
  });
});

describe('POST/PUT /conversations/:id/tracker/events', () => {
  it('appends one event, prepending a session start to a new conversation', async () => {
    const { app, agent } = await testApp();
    const res = await app.inject({ method: 'POST', url: '/conversations/c1/tracker/events?include_events=ALL', payload: { event: 'slot', name: 'city', value: 'Paris' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().slots.city).toBe('Paris');
    expect(types(agent.storedEvents('c1') as unknown as Ev[])).toEqual(['action', 'session_started', 'action', 'slot']);
  });

  it('appends a list of events', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST', url: '/conversations/c1/tracker/events?include_events=ALL',
      payload: [{ event: 'action', name: 'action_session_start' }, { event: 'session_started' }, { event: 'pause' }],
    });
    expect(res.json().paused).toBe(true);
    expect(types(res.json().events)).toEqual(['action', 'session_started', 'pause']);
  });

  it('rejects invalid events with the parser message', async () => {
    const { app } = await testApp();
    const unknown = await app.inject({ method: 'POST', url: '/conversations/c1/tracker/events', payload: { event: 'teleport' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ reason: 'BadRequest', status: 'failure' });
    expect(unknown.json().message).toContain('unknown event type "teleport"');
    const noValue = await app.inject({ method: 'POST', url: '/conversations/c1/tracker/events', payload: [{ event: 'slot', name: 'a' }] });
    expect(noValue.statusCode).toBe(400);
    expect(noValue.json().message).toContain('"value" is required');
    const notJson = await app.inject({ method: 'POST', url: '/conversations/c1/tracker/events', payload: '"just a string"', headers: json });
    expect(notJson.statusCode).toBe(400);
  });

  it('PUT replaces every event', async () => {
    const { app, agent } = await appWithChat('c2');
    const res = await app.inject({ method: 'PUT', url: '/conversations/c2/tracker/events?include_events=ALL', payload: [{ event: 'slot', name: 'a', value: 1 }] });
    expect(res.statusCode).toBe(200);
    expect(types(res.json().events)).toEqual(['slot']);
    expect(agent.storedEvents('c2')).toHaveLength(1);
  });

  it('validates include_events on events routes too', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'PUT', url: '/conversations/c2/tracker/events?include_events=x', payload: [] });
    expect(res.json().details).toEqual({ parameter: 'include_events', in: 'query' });
  });
});

describe('GET /conversations/:id/story', () => {
  it('returns the conversation as a YAML test story', async () => {
    const { app } = await appWithChat('s1');
    const res = await app.inject('/conversations/s1/story?all_sessions=true');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('story: s1');
    expect(res.body).toContain('user: hi');
  });

  it('is 404 for an unknown conversation', async () => {
    const { app } = await testApp();
    const res = await app.inject('/conversations/ghost/story');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ reason: 'Not found', code: 404 });
  });
});
