// Custom actions end to end: the REST webhook of a real server calls a real HTTP action server
// speaking rasa-sdk's protocol, plus a TypeScript action registered in code.
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotEvent, botEvent } from '../../src/core/index.js';
import { defineAction } from '../../src/dialogue/actions/define-action.js';
import { startServer, type RunningServer } from '../support/example-server.js';

const project = fileURLToPath(new URL('../fixtures/projects/pizza-en', import.meta.url));

interface ActionCall { next_action: string; sender_id: string; version: string; tracker: { events: unknown[]; slots: Record<string, unknown> }; domain: Record<string, unknown> }

function actionServer(calls: ActionCall[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const call = JSON.parse(body) as ActionCall;
      calls.push(call);
      const reply = (status: number, json: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
      switch (call.next_action) {
        case 'action_check_stock':
          return reply(200, { events: [{ event: 'slot', timestamp: null, name: 'in_stock', value: true }], responses: [{ response: 'utter_stock', count: 7 }] });
        case 'validate_pizza_form': {
          // rasa-sdk's FormValidationAction: validate the trailing slot events; null = invalid
          const trailing = (call.tracker.events as { event: string; name?: string; value?: unknown }[]).slice().reverse();
          const candidates: { name: string; value: unknown }[] = [];
          for (const e of trailing) { if (e.event !== 'slot') break; candidates.push({ name: e.name ?? '', value: e.value }); }
          const events = candidates.filter((c) => c.name !== 'requested_slot')
            .map((c) => ({ event: 'slot', name: c.name, value: c.name === 'size' && c.value === 'huge' ? null : c.value }));
          return reply(200, { events, responses: events.some((e) => e.value === null) ? [{ text: 'We do not make huge pizzas.' }] : [] });
        }
        case 'action_broken':
          return reply(500, { error: 'boom', request_body: {} });
        default:
          return reply(404, { error: `No registered action found for name '${call.next_action}'.`, action_name: call.next_action });
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/webhook` });
  }));
}

describe('custom actions over the action-server protocol', () => {
  const calls: ActionCall[] = [];
  let actions: { server: Server; url: string };
  let parley: RunningServer;
  const tellTime = defineAction('action_tell_time', () => [botEvent('It is pizza time.'), slotEvent('in_stock', false)]);

  beforeAll(async () => {
    actions = await actionServer(calls);
    parley = await startServer({ project, agent: { actionEndpoint: { url: actions.url }, actions: [tellTime] } });
  });
  afterAll(async () => { await parley.close(); actions.server.close(); });

  it('sends Rasa\'s request shape and renders the returned responses and events', async () => {
    const replies = await parley.say('p1', 'how many pizzas are left');
    expect(replies.map((r) => r['text'])).toEqual(['We have 7 pizzas left.']);
    const call = calls.find((c) => c.next_action === 'action_check_stock');
    expect(call).toMatchObject({ sender_id: 'p1', version: expect.stringMatching(/^3\.6\./) });
    expect(call?.domain).toHaveProperty('forms.pizza_form.required_slots', ['size', 'topping']);
    expect(call?.tracker.events.length).toBeGreaterThan(3);
    expect(((await parley.tracker('p1'))['slots'] as Record<string, unknown>)['in_stock']).toBe(true);
  });

  it('validates form slots with validate_<form> and asks again for an invalid value', async () => {
    await parley.say('p2', 'I want a pizza');
    const rejected = await parley.say('p2', 'huge');
    expect(rejected.map((r) => r['text'])).toEqual(['We do not make huge pizzas.', 'What size?']);
    expect(((await parley.tracker('p2'))['slots'] as Record<string, unknown>)['size']).toBeNull();
    await parley.say('p2', 'small');
    const done = await parley.say('p2', 'ham');
    expect(done.map((r) => r['text'])).toContain('A small pizza with ham, coming up.');
  });

  it('runs TypeScript actions registered in code without calling the server', async () => {
    const before = calls.length;
    const replies = await parley.say('p3', 'what time is it');
    expect(replies.map((r) => r['text'])).toEqual(['It is pizza time.']);
    expect(calls.slice(before).some((c) => c.next_action === 'action_tell_time')).toBe(false);
  });

  it('drops the events of a failing action and keeps the conversation going', async () => {
    const replies = await parley.say('p4', 'break something');
    expect(replies).toEqual([]);
    const t = await parley.tracker('p4', '?include_events=ALL');
    const names = (t['events'] as { event: string; name?: string }[]).filter((e) => e.event === 'action').map((e) => e.name);
    expect(names.slice(-2)).toEqual(['action_broken', 'action_listen']);
    expect(await parley.say('p4', 'hello')).toEqual([expect.objectContaining({ text: 'Hi! Want a pizza?' })]);
  });

  it('survives an action server that is down', async () => {
    const down = await startServer({ project, agent: { actionEndpoint: { url: 'http://127.0.0.1:9/webhook', timeout_ms: 2000 } } });
    try {
      expect(await down.say('p5', 'how many pizzas are left')).toEqual([]);
      expect(await down.say('p5', 'hi')).toEqual([expect.objectContaining({ text: 'Hi! Want a pizza?' })]);
    } finally {
      await down.close();
    }
  });
});
