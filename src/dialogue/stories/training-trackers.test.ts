import { describe, expect, it } from 'vitest';
import type { Event, SlotEvent, UserEvent } from '../../core/index.js';
import { ACTION_LISTEN, RULE_SNIPPET_ACTION } from '../../core/index.js';
import { action, activeLoop, bot, domainWith, intent, rule, slots, story } from './story-builders.js';
import { ruleTrackers, storyTrackers } from './training-trackers.js';

function describeEvents(events: readonly Event[]): string[] {
  return events.map((e) => {
    switch (e.event) {
      case 'action': return e.name ?? `text:${e.action_text}`;
      case 'user': return `user:${e.parse_data.intent?.name}`;
      case 'slot': return `slot:${e.name}=${JSON.stringify(e.value)}`;
      case 'active_loop': return `loop:${e.name}`;
      default: return e.event;
    }
  });
}

describe('storyTrackers', () => {
  const domain = domainWith({
    intents: ['inform', 'greet'],
    slots: [
      { name: 'city', mappings: [{ type: 'from_entity', entity: 'city' }] },
      { name: 'cities', type: 'list', mappings: [{ type: 'from_entity', entity: 'city' }] },
      { name: 'form_city', mappings: [{ type: 'from_entity', entity: 'city', conditions: [{ active_loop: 'f' }] }] },
      { name: 'dest', mappings: [{ type: 'from_entity', entity: 'city', role: 'destination' }] },
      { name: 'name' },
    ],
  });

  it('puts action_listen before user turns and turns steps into events', () => {
    const { trackers } = storyTrackers([story('s', [
      intent('greet'), action('utter_greet'), bot('hi there'), action('f'), activeLoop('f'), slots({}, 'name'), activeLoop(null),
    ])], domain);
    expect(describeEvents(trackers[0]?.events ?? [])).toEqual([
      ACTION_LISTEN, 'user:greet', 'utter_greet', 'text:hi there', 'f', 'loop:f', 'slot:name="filled"', 'loop:null', ACTION_LISTEN,
    ]);
  });

  it('fills slots from story entities through unconditional from_entity mappings only', () => {
    const { trackers } = storyTrackers([story('s', [intent('inform', [{ entity: 'city', value: 'Paris' }, { entity: 'city', value: 'Rome' }])])], domain);
    const slotEvents = (trackers[0]?.events ?? []).filter((e): e is SlotEvent => e.event === 'slot');
    expect(slotEvents.map((e) => [e.name, e.value])).toEqual([['city', 'Rome'], ['cities', ['Paris', 'Rome']]]);
    const user = trackers[0]?.events.find((e): e is UserEvent => e.event === 'user');
    expect(user?.parse_data.entities.map((e) => e.value)).toEqual(['Paris', 'Rome']);
  });

  it('does not fill slots when store_entities_as_slots is off', () => {
    const off = { ...domain, storeEntitiesAsSlots: false };
    const { trackers } = storyTrackers([story('s', [intent('inform', [{ entity: 'city', value: 'Paris' }])])], off);
    expect(trackers[0]?.events.some((e) => e.event === 'slot')).toBe(false);
  });

  it('keeps the source line of every written step', () => {
    const { trackers } = storyTrackers([story('s', [intent('greet'), action('utter_greet')], { file: 'data/stories.yml', line: 10 })], domain);
    expect(trackers[0]?.sources.map((s) => s?.line)).toEqual([undefined, 12, 13, undefined]); // implicit listens have no line
  });
});

describe('ruleTrackers', () => {
  const domain = domainWith({ intents: ['greet'] });

  it('starts with the snippet action, then conditions, and ends with an implicit action_listen', () => {
    const { trackers } = ruleTrackers([rule('r', [intent('greet'), action('utter_greet')], { condition: [activeLoop('f')] })], domain);
    expect(describeEvents(trackers[0]?.events ?? [])).toEqual([RULE_SNIPPET_ACTION, 'loop:f', ACTION_LISTEN, 'user:greet', 'utter_greet', ACTION_LISTEN]);
  });

  it('honours conversation_start and wait_for_user_input: false', () => {
    const { trackers } = ruleTrackers([rule('r', [intent('greet'), action('utter_greet')], { conversationStart: true, waitForUserInput: false })], domain);
    expect(describeEvents(trackers[0]?.events ?? [])).toEqual([ACTION_LISTEN, 'user:greet', 'utter_greet']);
    expect(trackers[0]?.conversationStart).toBe(true);
  });

  it('counts user turns (restrict_rules)', () => {
    const { trackers } = ruleTrackers([rule('r', [intent('greet'), action('a'), intent('greet'), action('b')])], domain);
    expect(trackers[0]?.userTurns).toBe(2);
  });
});
