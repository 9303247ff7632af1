import { describe, expect, it } from 'vitest';
import type { Domain, Event } from '../../core/index.js';
import { actionExecutionRejectedEvent, activeLoopEvent, botEvent, followupEvent, slotEvent } from '../../core/index.js';
import { ActionRegistry } from '../actions/action-registry.js';
import { defineAction } from '../actions/define-action.js';
import { ent, orderDomain, slot, trackerOf, user } from '../processor/order-domain.test-helper.js';
import { extractSlots } from './extract-slots.js';

const slotsOf = (events: Event[]): Record<string, unknown> =>
  Object.fromEntries(events.flatMap((e) => (e.event === 'slot' ? [[e.name, e.value]] : [])));

function domainWith(...slots: ReturnType<typeof slot>[]): Domain {
  const d = orderDomain();
  d.entities.push({ name: 'city', roles: ['from', 'to'], groups: ['1'] }, { name: 'number', roles: [], groups: [] }, { name: 'topping', roles: [], groups: [] });
  d.slots.push(...slots);
  return d;
}

const inForm = (requested: string | null, ...rest: Event[]): Event[] =>
  [activeLoopEvent('order_form'), slotEvent('requested_slot', requested), ...rest];

describe('extractSlots: intents', () => {
  const d = domainWith(slot('mood', [{ type: 'from_intent', value: 'happy', intent: ['affirm'] }, { type: 'from_intent', value: 'sad', not_intent: ['affirm', 'greet'] }]));

  it('fills from the first mapping whose intent matches', async () => {
    expect(slotsOf(await extractSlots(trackerOf(d, [user('yes', 'affirm')]), d))).toMatchObject({ mood: 'happy' });
    expect(slotsOf(await extractSlots(trackerOf(d, [user('no', 'deny')]), d))).toMatchObject({ mood: 'sad' });
  });

  it('respects not_intent', async () => {
    expect(slotsOf(await extractSlots(trackerOf(d, [user('hi', 'greet')]), d))).not.toHaveProperty('mood');
  });
});

describe('extractSlots: from_entity', () => {
  const d = domainWith(
    slot('origin', [{ type: 'from_entity', entity: 'city', role: 'from' }]),
    slot('destination', [{ type: 'from_entity', entity: 'city', role: 'to' }]),
    slot('city_g1', [{ type: 'from_entity', entity: 'city', group: '1' }]),
    slot('toppings', [{ type: 'from_entity', entity: 'topping' }], 'list'),
    slot('one_topping', [{ type: 'from_entity', entity: 'topping' }]),
    slot('ghost', [{ type: 'from_entity', entity: 'not_in_domain' }]),
  );

  it('matches role and group exactly', async () => {
    const t = trackerOf(d, [user('x', 'inform', [ent('city', 'Berlin', { role: 'from' }), ent('city', 'Paris', { role: 'to' }), ent('city', 'Rome', { group: '1' })])]);
    expect(slotsOf(await extractSlots(t, d))).toMatchObject({ origin: 'Berlin', destination: 'Paris', city_g1: 'Rome' });
  });

  it('gives list slots every value and other slots the last one', async () => {
    const t = trackerOf(d, [user('x', 'inform', [ent('topping', 'ham'), ent('topping', 'olives')])]);
    const s = slotsOf(await extractSlots(t, d));
    expect(s['toppings']).toEqual(['ham', 'olives']);
    expect(s['one_topping']).toBe('olives');
    expect(s).not.toHaveProperty('ghost');
  });

  it('gives a float slot the amount an entity text states, and leaves it alone for text stating none', async () => {
    const fd = domainWith(slot('count', [{ type: 'from_entity', entity: 'number' }], 'float'), slot('label', [{ type: 'from_entity', entity: 'number' }]));
    const filled = async (value: unknown) => slotsOf(await extractSlots(trackerOf(fd, [user('x', 'inform', [ent('number', value)])]), fd));
    expect(await filled('三份')).toMatchObject({ count: 3, label: '三份' });
    expect(await filled('一百零五')).toMatchObject({ count: 105 });
    expect(await filled('2 份')).toMatchObject({ count: 2 });
    expect(await filled('两碗')).toMatchObject({ count: 2 });
    expect(await filled('俩')).toMatchObject({ count: 2, label: '俩' });
    expect(await filled('仨')).toMatchObject({ count: 3 });
    expect(await filled('俩俩')).not.toHaveProperty('count');
    expect(await filled('1.5')).toMatchObject({ count: 1.5 });
    expect(await filled(4)).toMatchObject({ count: 4 });
    expect(await filled('很多')).not.toHaveProperty('count');
    expect(await filled('三份牛肉饭')).not.toHaveProperty('count');
    expect(await filled('两份半')).toMatchObject({ count: 2.5 });
    expect(await filled('一个半')).toMatchObject({ count: 1.5 });
    expect(await filled('半份')).toMatchObject({ count: 0.5 });
    expect(await filled('一打')).toMatchObject({ count: 12 });
    expect(await filled('两打')).toMatchObject({ count: 24 });
    expect(await filled('半打')).toMatchObject({ count: 6 });
    expect(await filled('十几份')).not.toHaveProperty('count');
    expect(await filled('twenty one')).toMatchObject({ count: 21 });
    expect(await filled('a dozen')).toMatchObject({ count: 12 });
    expect(await filled('3 pizzas')).toMatchObject({ count: 3 });
    expect(await filled('two and a half')).toMatchObject({ count: 2.5 });
    expect(await filled('2 and a half kilos')).toMatchObject({ count: 2.5 });
    expect(await filled('a few')).not.toHaveProperty('count');
    expect(await filled('两三份')).not.toHaveProperty('count');
    expect(await filled('五六份')).toMatchObject({ label: '五六份' });
    expect(await filled('五六份')).not.toHaveProperty('count');
    expect(await filled('two large pizzas')).not.toHaveProperty('count');
  });

  it('adds an adjusting amount to the value before the message, or takes it away, once however often it is extracted', async () => {
    const fd = domainWith(slot('count', [
      { type: 'from_entity', entity: 'number' },
      { type: 'from_entity', entity: 'number', role: 'more', adjust: 'add' },
      { type: 'from_entity', entity: 'number', role: 'fewer', adjust: 'subtract' },
    ], 'float'));
    fd.entities.find((e) => e.name === 'number')?.roles.push('more', 'fewer');
    const after = async (before: number | null, value: string, role: string) => {
      const history: Event[] = before === null ? [] : [user('x', 'inform', [ent('number', before)]), slotEvent('count', before)];
      const tracker = trackerOf(fd, [...history, user('y', 'change_order', [ent('number', value, { role })])]);
      const first = await extractSlots(tracker, fd);
      // a form's activation extracts the same message again, its first result already applied
      const again = await extractSlots(tracker.copy().append(...first), fd);
      expect(slotsOf(again)).toEqual(slotsOf(first));
      return slotsOf(first)['count'];
    };
    expect(await after(3, '两份', 'more')).toBe(5);
    expect(await after(3, '一份', 'fewer')).toBe(2);
    expect(await after(null, '一份', 'more')).toBe(1);
    expect(await after(null, '一份', 'fewer')).toBeUndefined();
    expect(await after(2, '五份', 'fewer')).toBeUndefined();
    expect(await after(2, '两份', 'fewer')).toBe(0);
    expect(await after(3, '五六份', 'more')).toBeUndefined();
  });

  it('keeps a float slot\'s amount when a later text states none, and tries its next mapping', async () => {
    const fd = domainWith(slot('count', [{ type: 'from_entity', entity: 'number' }, { type: 'from_entity', entity: 'topping' }], 'float'));
    const set = trackerOf(fd, [slotEvent('count', 2), user('x', 'change_order', [ent('number', '五六份')])]);
    expect(slotsOf(await extractSlots(set, fd))).toEqual({});
    const next = trackerOf(fd, [user('x', 'inform', [ent('number', '五六份'), ent('topping', '3')])]);
    expect(slotsOf(await extractSlots(next, fd))).toEqual({ count: 3 });
  });

  it('inside a form fills a non-requested required slot only when its entity mapping is unique', async () => {
    const dd = orderDomain();
    dd.entities.push({ name: 'number', roles: [], groups: [] });
    dd.slots = dd.slots.map((s) => (s.name === 'quantity' || s.name === 'phone' ? { ...s, mappings: [{ type: 'from_entity', entity: 'number' }] } : s));
    const t = trackerOf(dd, [...inForm('meal'), user('3', 'inform', [ent('number', 3), ent('meal', '面')])]);
    const s = slotsOf(await extractSlots(t, dd));
    expect(s).toEqual({ meal: '面' });
    const asked = trackerOf(dd, [...inForm('quantity'), user('3', 'inform', [ent('number', 3)])]);
    expect(slotsOf(await extractSlots(asked, dd))).toEqual({ quantity: 3 });
  });
});

describe('extractSlots: from_text, conditions and forms', () => {
  const d = orderDomain();

  it('fills from_text only while its condition (loop + requested slot) holds', async () => {
    expect(slotsOf(await extractSlots(trackerOf(d, [...inForm('address'), user('中关村大街1号', 'inform')]), d))).toEqual({ address: '中关村大街1号' });
    expect(slotsOf(await extractSlots(trackerOf(d, [...inForm('phone'), user('中关村大街1号', 'inform')]), d))).toEqual({});
    expect(slotsOf(await extractSlots(trackerOf(d, [user('中关村大街1号', 'inform')]), d))).toEqual({});
  });

  it('adds the active form\'s ignored_intents to not_intent', async () => {
    expect(slotsOf(await extractSlots(trackerOf(d, [...inForm('address'), user('今天天气不错', 'chitchat')]), d))).toEqual({});
  });

  it('does not refill the requested slot after the loop rejected', async () => {
    const events = [...inForm('address'), user('a', 'inform'), actionExecutionRejectedEvent('order_form')];
    expect(slotsOf(await extractSlots(trackerOf(d, events), d))).toEqual({});
  });

  it('matches active_loop: null only with no active loop', async () => {
    const dd = domainWith(slot('note', [{ type: 'from_text', conditions: [{ active_loop: null }] }]));
    expect(slotsOf(await extractSlots(trackerOf(dd, [user('hello', 'greet')]), dd))).toEqual({ note: 'hello' });
    expect(slotsOf(await extractSlots(trackerOf(dd, [...inForm('meal'), user('hello', 'greet')]), dd))).toEqual({});
  });

  it('fills from_trigger_intent only while a form (named in its conditions) is active', async () => {
    const dd = domainWith(slot('kind', [{ type: 'from_trigger_intent', intent: ['order_food'], value: 'delivery', conditions: [{ active_loop: 'order_form' }] }]));
    expect(slotsOf(await extractSlots(trackerOf(dd, [user('点餐', 'order_food')]), dd))).toEqual({});
    expect(slotsOf(await extractSlots(trackerOf(dd, [...inForm(null), user('点餐', 'order_food')]), dd))).toEqual({ kind: 'delivery' });
  });

  it('emits a falsy value only when the slot is currently set', async () => {
    const dd = domainWith(slot('flag', [{ type: 'from_intent', intent: ['deny'], value: false }], 'bool'));
    expect(slotsOf(await extractSlots(trackerOf(dd, [user('no', 'deny')]), dd))).toEqual({});
    expect(slotsOf(await extractSlots(trackerOf(dd, [slotEvent('flag', true), user('no', 'deny')]), dd))).toEqual({ flag: false });
  });
});

describe('extractSlots: custom mappings and action_validate_slot_mappings', () => {
  it('runs a custom mapping action once and keeps only its slot and bot events', async () => {
    const d = domainWith(slot('vip', [{ type: 'custom', action: 'action_fill_vip' }]), slot('vip2', [{ type: 'custom', action: 'action_fill_vip' }]));
    d.actions.push('action_fill_vip');
    let calls = 0;
    const fill = defineAction('action_fill_vip', () => { calls++; return [slotEvent('vip', true), botEvent('checked'), followupEvent('utter_greet')]; });
    const registry = new ActionRegistry({ domain: d, actions: [fill] });
    const events = await extractSlots(trackerOf(d, [user('hi', 'greet')]), d, { actions: registry });
    expect(calls).toBe(1);
    expect(events.map((e) => e.event)).toEqual(['slot', 'bot']);
    expect(slotsOf(events)).toEqual({ vip: true });
  });

  it('lets action_validate_slot_mappings replace candidates and keeps the ones it does not mention', async () => {
    const d = orderDomain();
    d.actions.push('action_validate_slot_mappings');
    const seen: unknown[] = [];
    const validate = defineAction('action_validate_slot_mappings', ({ tracker }) => {
      seen.push(tracker.slot('meal'), tracker.slot('phone'));
      return [slotEvent('phone', null)];
    });
    const registry = new ActionRegistry({ domain: d, actions: [validate] });
    const events = await extractSlots(trackerOf(d, [user('x', 'inform', [ent('meal', '面'), ent('phone', '123')])]), d, { actions: registry });
    expect(seen).toEqual(['面', '123']);
    expect(slotsOf(events)).toEqual({ meal: '面', phone: null });
  });
});
