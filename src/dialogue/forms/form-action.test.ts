import { describe, expect, it } from 'vitest';
import type { Domain, Entity, Event } from '../../core/index.js';
import { botEvent, slotEvent } from '../../core/index.js';
import type { Action } from '../actions/action.js';
import { ActionRegistry } from '../actions/action-registry.js';
import { defineAction } from '../actions/define-action.js';
import { MessageProcessor } from '../processor/message-processor.js';
import { ent, orderDomain, parsed, texts, trackerOf } from '../processor/order-domain.test-helper.js';
import { ScriptedPolicy } from '../processor/scripted-policy.test-helper.js';

const RULES = [
  { intent: 'order_food', action: 'order_form' },
  { after: 'order_form', action: 'utter_submit' },
  { intent: 'chitchat', action: 'utter_chitchat' },
  { after: 'utter_chitchat', action: 'order_form', inLoop: true },
];

function bot(domain: Domain = orderDomain(), actions: Action[] = []) {
  const registry = new ActionRegistry({ domain, actions });
  const processor = new MessageProcessor({ domain, policies: new ScriptedPolicy(RULES), actions: registry, parse: () => Promise.reject(new Error('no NLU in tests')) });
  const tracker = trackerOf(domain);
  const say = async (text: string, intent: string, entities: Entity[] = []) =>
    processor.handleMessage(tracker, { text, inputChannel: 'rest', parseData: parsed(text, intent, entities) });
  return { tracker, say };
}

const actionNamesOf = (events: Event[]): (string | null)[] => events.flatMap((e) => (e.event === 'action' ? [e.name] : []));

describe('the form loop (Chinese order form)', () => {
  it('activates with pre-filled slots and asks with the form-specific question', async () => {
    const { tracker, say } = bot();
    const out = await say('我要点宫保鸡丁', 'order_food', [ent('meal', '宫保鸡丁')]);
    expect(tracker.activeLoopName).toBe('order_form');
    expect(tracker.slot('meal')).toBe('宫保鸡丁');
    expect(tracker.slot('requested_slot')).toBe('quantity');
    expect(texts(out.botEvents)).toEqual(['要几份宫保鸡丁?']);
    expect(actionNamesOf(out.newEvents)).toEqual(['action_session_start', 'action_listen', 'order_form', 'action_listen']);
  });

  it('fills, accepts a correction of a filled slot, asks again for the missing one, then submits', async () => {
    const d = orderDomain();
    d.actions.push('action_ask_phone');
    const { tracker, say } = bot(d, [defineAction('action_ask_phone', () => [botEvent('电话多少?')])]);
    await say('我要点宫保鸡丁', 'order_food', [ent('meal', '宫保鸡丁')]);
    expect(texts((await say('两份', 'inform', [ent('quantity', 2)])).botEvents)).toEqual(['电话多少?']); // action_ask_<slot> beats utter_ask_<slot>
    expect(texts((await say('13800138000', 'inform', [ent('phone', '13800138000')])).botEvents)).toEqual(['送到哪里?']);

    const correction = await say('不对,改成三份', 'correct', [ent('quantity', 3)]);
    expect(correction.newEvents.some((e) => e.event === 'action_execution_rejected')).toBe(false);
    expect(tracker.slot('quantity')).toBe(3);
    expect(tracker.slot('address')).toBeNull();
    expect(tracker.slot('requested_slot')).toBe('address');
    expect(texts(correction.botEvents)).toEqual(['送到哪里?']);

    const done = await say('北京市海淀区中关村大街1号', 'inform');
    expect(tracker.activeLoopName).toBeNull();
    expect(tracker.slot('requested_slot')).toBeNull();
    expect(texts(done.botEvents)).toEqual(['好的,3份宫保鸡丁,送到北京市海淀区中关村大街1号']);
  });

  it('rejects when the requested slot was not filled; the unhappy path runs and the form asks again', async () => {
    const { tracker, say } = bot();
    await say('我要点宫保鸡丁', 'order_food', [ent('meal', '宫保鸡丁')]);
    const out = await say('你是机器人吗', 'chitchat');
    expect(out.newEvents.filter((e) => e.event === 'action_execution_rejected')).toMatchObject([{ name: 'order_form', policy: 'LoopPolicy' }]);
    expect(texts(out.botEvents)).toEqual(['我只会点餐哦', '要几份宫保鸡丁?']);
    expect(tracker.slot('requested_slot')).toBe('quantity');
    expect(tracker.activeLoopName).toBe('order_form');
  });

  it('ignored_intents keep from_text mappings from filling the requested slot', async () => {
    const { tracker, say } = bot();
    await say('我要点面', 'order_food', [ent('meal', '面'), ent('quantity', 1), ent('phone', '139')]);
    expect(tracker.slot('requested_slot')).toBe('address');
    const out = await say('今天天气不错', 'chitchat');
    expect(tracker.slot('address')).toBeNull();
    expect(out.newEvents.some((e) => e.event === 'action_execution_rejected')).toBe(true);
  });

  it('asks again when validate_<form> marks a value invalid (slot set to null)', async () => {
    const d = orderDomain();
    d.actions.push('validate_order_form');
    const seen: Event[][] = [];
    const validate = defineAction('validate_order_form', ({ tracker }) => {
      seen.push([...tracker.events]);
      const q = tracker.slot('quantity');
      return typeof q === 'number' && q > 10 ? [slotEvent('quantity', null)] : [];
    });
    const { tracker, say } = bot(d, [validate]);
    await say('我要点面', 'order_food', [ent('meal', '面')]);
    const out = await say('一百份', 'inform', [ent('quantity', 100)]);
    expect(tracker.slot('quantity')).toBeNull();
    expect(tracker.slot('requested_slot')).toBe('quantity');
    expect(texts(out.botEvents)).toEqual(['要几份面?']);
    // the temporary tracker ends with requested_slot, the form's action and the candidates
    const last = seen[seen.length - 1] ?? [];
    expect(last.slice(-3)).toMatchObject([{ event: 'slot', name: 'requested_slot', value: 'quantity' }, { event: 'action', name: 'order_form' }, { event: 'slot', name: 'quantity', value: 100 }]);
    await say('两份', 'inform', [ent('quantity', 2)]);
    expect(tracker.slot('quantity')).toBe(2);
    expect(tracker.slot('requested_slot')).toBe('phone');
  });

  it('a validate_<form> returning requested_slot null ends the form early', async () => {
    const d = orderDomain();
    d.actions.push('validate_order_form');
    const stop = defineAction('validate_order_form', () => [slotEvent('requested_slot', null)]);
    const { tracker, say } = bot(d, [stop]);
    await say('我要点面', 'order_food', [ent('meal', '面')]);
    await say('两份', 'inform', [ent('quantity', 2)]);
    expect(tracker.activeLoopName).toBeNull();
  });
});
