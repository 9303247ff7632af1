// RemoteAction against a real action server (node:http), speaking rasa-sdk's protocol.
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Domain } from '../../core/index.js';
import { MessageProcessor } from '../processor/message-processor.js';
import { ent, orderDomain, parsed, texts, trackerOf, user } from '../processor/order-domain.test-helper.js';
import { ScriptedPolicy } from '../processor/scripted-policy.test-helper.js';
import type { ActionEndpointConfig } from './action-endpoint.js';
import { ActionRegistry } from './action-registry.js';

interface Recorded { url: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }

const sdkMessage = (extra: Record<string, unknown>) => ({
  text: null, buttons: [], elements: [], custom: {}, template: null, response: null, image: null, attachment: null, ...extra,
});

function reply(body: Record<string, unknown>): { status: number; json: unknown } {
  const tracker = body['tracker'] as { slots: Record<string, unknown> };
  switch (body['next_action']) {
    case 'action_hello':
      return { status: 200, json: {
        events: [{ event: 'slot', timestamp: null, name: 'phone', value: '110' }],
        responses: [sdkMessage({ text: 'plain text' }), sdkMessage({ template: 'utter_hi', response: 'utter_hi', name: 'Sara', buttons: [{ title: 'ok', payload: '/affirm' }] })],
      } };
    case 'action_reject': return { status: 400, json: { error: 'not now', action_name: 'action_reject' } };
    case 'action_crash': return { status: 500, json: { error: 'boom', request_body: body } };
    case 'action_bad_events': return { status: 200, json: { events: [{ event: 'no_such_event' }], responses: [] } };
    case 'validate_order_form': {
      const q = tracker.slots['quantity'];
      return { status: 200, json: { events: typeof q === 'number' && q > 10 ? [{ event: 'slot', name: 'quantity', value: null }] : [], responses: [] } };
    }
    default: return { status: 404, json: { error: `No registered action found for name '${String(body['next_action'])}'.`, action_name: body['next_action'] } };
  }
}

let server: Server;
let baseUrl: string;
const requests: Recorded[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      const { status, json } = reply(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function domainWithRemote(): Domain {
  const d = orderDomain();
  d.actions.push('action_hello', 'action_reject', 'action_crash', 'action_missing', 'action_bad_events');
  d.responses['utter_hi'] = [{ text: 'Hi {name}, your meal is {meal}', id: 'hi_1' }];
  return d;
}

function registry(domain: Domain, endpoint: Partial<ActionEndpointConfig> = {}): ActionRegistry {
  return new ActionRegistry({ domain, endpoint: { url: baseUrl, ...endpoint }, domainJson: () => ({ version: '3.1', intents: ['greet'] }) });
}

describe('RemoteAction (real HTTP action server)', () => {
  it('sends next_action, sender_id, the full tracker, the domain and a 3.6 version, with token, headers and basic auth', async () => {
    const d = domainWithRemote();
    const t = trackerOf(d, [user('old session', 'greet'), { event: 'session_started', timestamp: 1 }, user('我要面', 'order_food', [ent('meal', '面')])], 'sender-7');
    const r = registry(d, { token: 's3cret', headers: { 'x-team': 'parley' }, basic_auth: { username: 'u', password: 'p' } });
    await r.get('action_hello').run({ tracker: t, domain: d, channel: 'rest' });
    const req = requests.at(-1)!;
    expect(new URL(req.url, 'http://x').searchParams.get('token')).toBe('s3cret');
    expect(req.headers['x-team']).toBe('parley');
    expect(req.headers['authorization']).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(req.body).toMatchObject({ next_action: 'action_hello', sender_id: 'sender-7', version: '3.6.21', domain: { version: '3.1' } });
    const tracker = req.body['tracker'] as { events: unknown[]; sender_id: string };
    expect(tracker.sender_id).toBe('sender-7');
    expect(tracker.events).toHaveLength(3); // EventVerbosity ALL: earlier sessions included
  });

  it('omits the domain with enable_selective_domain unless the action asks for it', async () => {
    const d = domainWithRemote();
    const r = registry(d, { enable_selective_domain: true, token_name: 'auth' , token: 't' });
    await r.get('action_hello').run({ tracker: trackerOf(d), domain: d, channel: null });
    expect(requests.at(-1)!.body).not.toHaveProperty('domain');
    expect(requests.at(-1)!.url).toContain('auth=t');
    d.actionOptions['action_hello'] = { sendDomain: true };
    await registry(d, { enable_selective_domain: true }).get('action_hello').run({ tracker: trackerOf(d), domain: d, channel: null });
    expect(requests.at(-1)!.body).toHaveProperty('domain');
  });

  it('200: renders responses (domain responses with extra variables) before the returned events', async () => {
    const d = domainWithRemote();
    const t = trackerOf(d, [user('我要面', 'order_food', [ent('meal', '面')]), { event: 'slot', timestamp: 1, name: 'meal', value: '面' }]);
    const events = await registry(d).get('action_hello').run({ tracker: t, domain: d, channel: 'rest' });
    expect(events.map((e) => e.event)).toEqual(['bot', 'bot', 'slot']);
    expect(events[0]).toMatchObject({ text: 'plain text' });
    expect(events[1]).toMatchObject({
      text: 'Hi Sara, your meal is 面', data: { buttons: [{ title: 'ok', payload: '/affirm' }] },
      metadata: { utter_action: 'utter_hi', id: 'hi_1', name: 'Sara' },
    });
  });

  it('400 rejects, 404/500/invalid events fail', async () => {
    const d = domainWithRemote();
    const r = registry(d);
    const ctx = { tracker: trackerOf(d), domain: d, channel: null };
    await expect(r.get('action_reject').run(ctx)).rejects.toMatchObject({ code: 'ACTION_REJECTED', message: 'not now' });
    await expect(r.get('action_missing').run(ctx)).rejects.toMatchObject({ code: 'ACTION_FAILED' });
    await expect(r.get('action_crash').run(ctx)).rejects.toMatchObject({ code: 'ACTION_FAILED' });
    await expect(r.get('action_bad_events').run(ctx)).rejects.toMatchObject({ code: 'ACTION_FAILED' });
  });
});

describe('remote actions inside a turn', () => {
  function processorFor(rules: ConstructorParameters<typeof ScriptedPolicy>[0], endpointUrl = baseUrl) {
    const d = domainWithRemote();
    d.actions.push('validate_order_form');
    const actions = new ActionRegistry({ domain: d, endpoint: { url: endpointUrl, timeout_ms: 2000 }, domainJson: () => ({}) });
    const processor = new MessageProcessor({ domain: d, policies: new ScriptedPolicy(rules), actions, parse: () => Promise.reject(new Error('no NLU')) });
    return { processor, tracker: trackerOf(d) };
  }

  it('400 → action_execution_rejected and the loop predicts again', async () => {
    const { processor, tracker } = processorFor([{ intent: 'greet', action: 'action_reject' }]);
    const out = await processor.handleMessage(tracker, { text: 'hi', parseData: parsed('hi', 'greet') });
    expect(out.newEvents.slice(-2)).toMatchObject([{ event: 'action_execution_rejected', name: 'action_reject', policy: 'ScriptedPolicy' }, { event: 'action', name: 'action_listen' }]);
  });

  it.each(['action_missing', 'action_crash'])('%s → logged without events, the turn continues', async (name) => {
    const { processor, tracker } = processorFor([{ intent: 'greet', action: name }, { after: name, action: 'utter_greet' }]);
    const out = await processor.handleMessage(tracker, { text: 'hi', parseData: parsed('hi', 'greet') });
    expect(out.newEvents.slice(-4).map((e) => (e.event === 'action' ? e.name : e.event))).toEqual([name, 'utter_greet', 'bot', 'action_listen']);
  });

  it('connection refused → logged without events, the turn continues', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { processor, tracker } = processorFor([{ intent: 'greet', action: 'action_hello' }, { after: 'action_hello', action: 'utter_greet' }], `http://127.0.0.1:${port}/webhook`);
    const out = await processor.handleMessage(tracker, { text: 'hi', parseData: parsed('hi', 'greet') });
    expect(texts(out.botEvents)).toEqual(['您好!']);
    expect(tracker.slot('phone')).toBeNull();
  });

  it('validate_<form> returning null for an invalid value makes the form ask again', async () => {
    const { processor, tracker } = processorFor([{ intent: 'order_food', action: 'order_form' }]);
    await processor.handleMessage(tracker, { text: '我要面', parseData: parsed('我要面', 'order_food', [ent('meal', '面')]) });
    const out = await processor.handleMessage(tracker, { text: '一百份', parseData: parsed('一百份', 'inform', [ent('quantity', 100)]) });
    expect(tracker.slot('quantity')).toBeNull();
    expect(texts(out.botEvents)).toEqual(['要几份面?']);
    const validateCall = requests.filter((r) => r.body['next_action'] === 'validate_order_form').at(-1)!;
    const sent = (validateCall.body['tracker'] as { events: { event: string; name?: string }[] }).events.slice(-2);
    expect(sent).toMatchObject([{ event: 'action', name: 'order_form' }, { event: 'slot', name: 'quantity' }]);
    await processor.handleMessage(tracker, { text: '两份', parseData: parsed('两份', 'inform', [ent('quantity', 2)]) });
    expect(tracker.slot('quantity')).toBe(2);
    expect(tracker.slot('requested_slot')).toBe('phone');
  });
});
