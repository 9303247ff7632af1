// A Chinese food-order bot used by the form and processor tests.
import type { Domain, Entity, Event, ParseData, SlotDefinition, SlotMapping } from '../../core/index.js';
import { Tracker, emptyDomain, slotInitialValues, userEvent } from '../../core/index.js';

export function slot(name: string, mappings: SlotMapping[], type: SlotDefinition['type'] = 'text'): SlotDefinition {
  return { name, type, influenceConversation: true, initialValue: null, mappings };
}

export function orderDomain(): Domain {
  const d = emptyDomain();
  d.intents = ['order_food', 'inform', 'correct', 'chitchat', 'greet', 'affirm', 'deny', 'restart'].map((name) => ({ name, useEntities: true, ignoreEntities: [] }));
  d.entities = ['meal', 'quantity', 'phone', 'address'].map((name) => ({ name, roles: [], groups: [] }));
  d.slots = [
    slot('meal', [{ type: 'from_entity', entity: 'meal' }]),
    slot('quantity', [{ type: 'from_entity', entity: 'quantity' }], 'float'),
    slot('phone', [{ type: 'from_entity', entity: 'phone' }]),
    slot('address', [
      { type: 'from_entity', entity: 'address' },
      { type: 'from_text', not_intent: ['correct'], conditions: [{ active_loop: 'order_form', requested_slot: 'address' }] },
    ]),
  ];
  d.forms = { order_form: { name: 'order_form', requiredSlots: ['meal', 'quantity', 'phone', 'address'], ignoredIntents: ['chitchat'] } };
  d.responses = {
    utter_greet: [{ text: '您好!' }],
    utter_ask_meal: [{ text: '您想吃什么?' }],
    utter_ask_quantity: [{ text: '要几份?' }],
    utter_ask_order_form_quantity: [{ text: '要几份{meal}?' }],
    utter_ask_phone: [{ text: '请留个电话' }],
    utter_ask_address: [{ text: '送到哪里?' }],
    utter_chitchat: [{ text: '我只会点餐哦' }],
    utter_submit: [{ text: '好的,{quantity}份{meal},送到{address}' }],
    utter_default: [{ text: '没听懂' }],
    utter_restart: [{ text: '重新开始' }],
  };
  return d;
}

export function parsed(text: string, intent: string, entities: Entity[] = []): ParseData {
  return { text, intent: { name: intent, confidence: 1 }, entities, intent_ranking: [{ name: intent, confidence: 1 }] };
}

export const ent = (entity: string, value: unknown, extra: Partial<Entity> = {}): Entity => ({ entity, value, ...extra });

export const user = (text: string, intent: string, entities: Entity[] = [], channel = 'rest'): Event =>
  userEvent(text, parsed(text, intent, entities), { inputChannel: channel });

export const trackerOf = (domain: Domain, events: Event[] = [], senderId = 'u1'): Tracker =>
  Tracker.fromEvents(senderId, events, slotInitialValues(domain));

/** The texts of the bot events among `events`. */
export const texts = (events: readonly Event[]): (string | null)[] =>
  events.flatMap((e) => (e.event === 'bot' ? [e.text] : []));
