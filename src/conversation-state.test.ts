import { describe, expect, it } from 'vitest';
import { conversationState, turnRecord } from './conversation-state.js';
import { Tracker, actionEvent, botEvent, userEvent, type Event } from './core/index.js';

const PHONE = '13912345678';
const names = { slots: ['phone', 'address'], entities: ['phone', 'address'] };
const initial = { phone: null, address: null, quantity: null, requested_slot: null };

function conversation(): { tracker: Tracker; turn: Event[] } {
  const before: Event[] = [
    { event: 'active_loop', name: 'order_form', timestamp: 1 },
    { event: 'slot', name: 'requested_slot', value: 'phone', timestamp: 1 },
  ];
  const turn: Event[] = [
    userEvent(`电话 ${PHONE}`, {
      text: `电话 ${PHONE}`, intent: { name: 'inform', confidence: 0.93 }, entities: [{ entity: 'phone', value: PHONE, start: 3, end: 14, extractor: 'RegexEntityExtractor' }],
      intent_ranking: [{ name: 'inform', confidence: 0.93 }, { name: 'greet', confidence: 0.04 }], parley: { decided_by: 'classifier' },
    }, { metadata: { client_id: 'tab-9' } }),
    { event: 'slot', name: 'phone', value: PHONE, timestamp: 2 },
    actionEvent('order_form', { policy: 'RulePolicy', confidence: 1 }),
    botEvent(`好的,${PHONE},送到哪里?`, { buttons: [{ title: `就是 ${PHONE}`, payload: '/affirm' }] }),
    { event: 'slot', name: 'requested_slot', value: 'address', timestamp: 2 },
    actionEvent('action_listen', { policy: 'RulePolicy', confidence: 1 }),
  ];
  return { tracker: Tracker.fromEvents('c1', [...before, ...turn], initial), turn };
}

describe('conversationState', () => {
  it('unauthorised: masks sensitive slots, entities and every text that repeats them', () => {
    const { tracker } = conversation();
    const state = conversationState(tracker, { seq: 8, authorized: false, names });
    expect(JSON.stringify(state)).not.toContain(PHONE);
    expect(state).toMatchObject({
      conversation_id: 'c1', seq: 8, masked: true, active_form: 'order_form', requested_slot: 'address',
      slots: { phone: '139****5678', address: null },
      latest_intent: { name: 'inform', confidence: 0.93, decided_by: 'classifier' },
      entities: [{ entity: 'phone', value: '139****5678', start: 3, end: 14 }],
    });
    expect(state.messages.map((m) => m.text)).toEqual(['电话 139****5678', '好的,139****5678,送到哪里?']);
  });

  it('authorised: plaintext; recent limits the history', () => {
    const { tracker } = conversation();
    const state = conversationState(tracker, { seq: 8, authorized: true, names, recent: 1 });
    expect(state).toMatchObject({ masked: false, slots: { phone: PHONE }, entities: [{ value: PHONE }] });
    expect(state.messages).toEqual([expect.objectContaining({ role: 'bot', text: `好的,${PHONE},送到哪里?`, buttons: [{ title: `就是 ${PHONE}`, payload: '/affirm' }] })]);
  });
});

describe('turnRecord', () => {
  it('describes the user turn: intent, ranking, entities, deciding path, policies, bot messages, latency, client id', () => {
    const { tracker, turn } = conversation();
    const record = turnRecord({ tracker, added: turn, latencyMs: 42, authorized: false, names });
    expect(record).toEqual({
      user_text: '电话 139****5678',
      intent: { name: 'inform', confidence: 0.93 },
      intent_ranking: [{ name: 'inform', confidence: 0.93 }, { name: 'greet', confidence: 0.04 }],
      entities: [{ entity: 'phone', value: '139****5678', start: 3, end: 14, extractor: 'RegexEntityExtractor' }],
      decided_by: 'classifier',
      policies: ['RulePolicy'],
      bot_messages: [expect.objectContaining({ role: 'bot', text: '好的,139****5678,送到哪里?', buttons: [{ title: '就是 139****5678', payload: '/affirm' }] })],
      latency_ms: 42,
      client_id: 'tab-9',
    });
  });

  it('a change without a user message has no user text', () => {
    const tracker = Tracker.fromEvents('c2', [botEvent('pushed')], {});
    expect(turnRecord({ tracker, added: tracker.events, latencyMs: null, authorized: true, names })).toMatchObject({ user_text: null, intent: null, bot_messages: [{ text: 'pushed' }] });
  });
});
