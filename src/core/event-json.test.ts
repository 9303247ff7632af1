import { describe, expect, it } from 'vitest';
import { eventToJson, InvalidEventError, parseEvent, parseEvents } from './event-json.js';
import { EVENT_TYPES } from './events.js';

const samples: Record<string, Record<string, unknown>> = {
  user: { event: 'user', timestamp: 1, text: 'hi', parse_data: { intent: { name: 'greet', confidence: 0.9 }, entities: [], text: 'hi' }, input_channel: 'rest', message_id: 'm1', metadata: {} },
  user_featurization: { event: 'user_featurization', timestamp: 1, use_text_for_featurization: false },
  entities: { event: 'entities', timestamp: 1, entities: [{ entity: 'city', value: 'Berlin' }] },
  bot: { event: 'bot', timestamp: 1, text: 'hey', data: { elements: null, quick_replies: null, buttons: null, attachment: null, image: null, custom: null }, metadata: { utter_action: 'utter_greet' } },
  action: { event: 'action', timestamp: 1, name: 'utter_greet', policy: 'RulePolicy', confidence: 1, action_text: null, hide_rule_turn: true },
  slot: { event: 'slot', timestamp: 1, name: 'city', value: 'Berlin' },
  reset_slots: { event: 'reset_slots', timestamp: 1 },
  restart: { event: 'restart', timestamp: 1 },
  session_started: { event: 'session_started', timestamp: 1 },
  rewind: { event: 'rewind', timestamp: 1 },
  undo: { event: 'undo', timestamp: 1 },
  followup: { event: 'followup', timestamp: 1, name: 'utter_greet' },
  pause: { event: 'pause', timestamp: 1 },
  resume: { event: 'resume', timestamp: 1 },
  active_loop: { event: 'active_loop', timestamp: 1, name: 'order_form' },
  loop_interrupted: { event: 'loop_interrupted', timestamp: 1, is_interrupted: true },
  action_execution_rejected: { event: 'action_execution_rejected', timestamp: 1, name: 'order_form', policy: null, confidence: null },
  reminder: { event: 'reminder', timestamp: 1, intent: 'remind', date_time: '2026-01-01T10:00:00', entities: null, name: 'r1', kill_on_user_msg: true },
  cancel_reminder: { event: 'cancel_reminder', timestamp: 1, name: 'r1', intent: null, entities: null },
  export: { event: 'export', timestamp: 1, path: null },
  agent: { event: 'agent', timestamp: 1, text: 'x', data: null },
};

describe('event JSON', () => {
  it('round-trips every event type in Rasa wire format', () => {
    for (const type of EVENT_TYPES) {
      const json = samples[type];
      expect(json, `sample for ${type}`).toBeDefined();
      expect(eventToJson(parseEvent(json))).toEqual(json);
    }
  });

  it('reads the legacy form and form_validation events as active_loop and loop_interrupted', () => {
    expect(eventToJson(parseEvent({ event: 'form', timestamp: 2, name: 'f' }))).toEqual({ event: 'active_loop', timestamp: 2, name: 'f' });
    expect(parseEvent({ event: 'form_validation', validate: false })).toMatchObject({ event: 'loop_interrupted', is_interrupted: true });
    expect(parseEvent({ event: 'form_validation', validate: true })).toMatchObject({ event: 'loop_interrupted', is_interrupted: false });
  });

  it('fills a missing timestamp with now and drops empty metadata except on user and bot', () => {
    const before = Date.now() / 1000;
    const e = parseEvent({ event: 'restart', metadata: {} });
    expect(e.timestamp).toBeGreaterThanOrEqual(before);
    expect(eventToJson(e)).not.toHaveProperty('metadata');
    expect(eventToJson(parseEvent({ event: 'bot', text: 'x' }))).toHaveProperty('metadata', {});
  });

  it('rejects unknown types and missing required fields with a clear message', () => {
    expect(() => parseEvent({ event: 'teleport' })).toThrow(/unknown event type "teleport"/);
    expect(() => parseEvent({ event: 'slot', name: 'x' })).toThrow(/"value" is required/);
    expect(() => parseEvent({ event: 'slot', value: 1 })).toThrow(/"name" is required/);
    expect(() => parseEvent({ event: 'entities', entities: [{ value: 1 }] })).toThrow(InvalidEventError);
    expect(() => parseEvent('slot')).toThrow(/must be a JSON object/);
    expect(() => parseEvents([{ event: 'restart' }, { event: 'nope' }])).toThrow(/event 1/);
  });

  it('accepts one event or a list', () => {
    expect(parseEvents({ event: 'restart' })).toHaveLength(1);
    expect(parseEvents([{ event: 'restart' }, { event: 'pause' }])).toHaveLength(2);
  });
});

describe('event key order', () => {
  it('writes event, timestamp and metadata first, whatever order the keys arrived in', () => {
    const shuffled = { value: 'B', name: 'city', timestamp: 3, event: 'slot', metadata: { a: 1 } };
    expect(Object.keys(eventToJson(parseEvent(shuffled)))).toEqual(['event', 'timestamp', 'metadata', 'name', 'value']);
  });
});
