import { describe, expect, it } from 'vitest';
import { mergeDomainParts } from './merge-domain.js';
import { readDomainPart } from './read-domain.js';
import type { ProjectIssue } from './issues.js';
import { YamlSource } from './yaml-source.js';

function domainOf(text: string, file = 'domain.yml') {
  const src = YamlSource.parse(file, text);
  const warnings: ProjectIssue[] = [];
  const merged = mergeDomainParts([readDomainPart(src, src.root)], warnings);
  return { ...merged, warnings: [...src.warnings, ...warnings] };
}

function errorOf(fn: () => unknown): { message: string; details: unknown; code: string } {
  try { fn(); } catch (e) { return e as { message: string; details: unknown; code: string }; }
  throw new Error('expected an error');
}

const FULL = `version: "3.1"
intents:
  - greet
  - request_restaurant:
      use_entities: [cuisine]
  - chitchat:
      use_entities: false
  - inform:
      ignore_entities: [person]
entities:
  - cuisine
  - city:
      roles: [departure, destination]
  - person:
      groups: ["1", "2"]
slots:
  cuisine:
    type: text
    mappings:
    - type: from_entity
      entity: cuisine
      role: destination
      intent: [inform, request_restaurant]
      not_intent: chitchat
  num_people:
    type: float
    min_value: 0.0
    max_value: 100.0
    mappings:
    - type: from_entity
      entity: number
  outdoor_seating:
    type: bool
    influence_conversation: false
    initial_value: false
    mappings:
    - type: from_intent
      intent: affirm
      value: true
      conditions:
      - active_loop: restaurant_form
        requested_slot: outdoor_seating
  search_type:
    type: categorical
    values: [Spend, DEPOSIT]
    mappings:
    - type: from_trigger_intent
      intent: search_transactions
      value: spend
      conditions:
      - active_loop: null
  anything:
    type: any
    influence_conversation: false
    mappings:
    - type: custom
      action: action_fill
  fancy:
    type: addons.slots.MySlot
    mappings:
    - type: from_text
  items:
    type: list
    mappings: []
responses:
  utter_greet:
  - text: "Hey {name}!"
    buttons:
    - title: great
      payload: /mood_great
    button_type: vertical
  - text: Hey there
  utter_welcome:
  - condition:
    - type: slot
      name: logged_in
      value: true
    text: Welcome back
    channel: slack
    id: w1
    metadata: {rephrase: true}
  utter_picker:
  - custom:
      blocks: [{type: section}]
    image: https://x/y.jpg
    attachment: {type: file}
    elements: [{title: a}]
    quick_replies: [{title: q, payload: /q}]
  utter_chitchat/ask_name:
  - text: I'm Sara
actions:
  - action_search
  - action_say_hi:
      send_domain: true
forms:
  restaurant_form:
    ignored_intents: chitchat
    required_slots: [cuisine, num_people]
  legacy_form:
    required_slots:
      cuisine:
      - type: from_entity
        entity: cuisine
config:
  store_entities_as_slots: false
session_config:
  session_expiration_time: 0
  carry_over_slots_to_new_session: false
`;

describe('domain reading', () => {
  const { domain, sources, warnings } = domainOf(FULL);

  it('reads intents with use_entities true/false/list and ignore_entities', () => {
    expect(domain.intents).toEqual([
      { name: 'greet', useEntities: true, ignoreEntities: [] },
      { name: 'request_restaurant', useEntities: ['cuisine'], ignoreEntities: [] },
      { name: 'chitchat', useEntities: [], ignoreEntities: [] },
      { name: 'inform', useEntities: true, ignoreEntities: ['person'] },
    ]);
  });

  it('reads entities with roles and groups', () => {
    expect(domain.entities).toEqual([
      { name: 'cuisine', roles: [], groups: [] },
      { name: 'city', roles: ['departure', 'destination'], groups: [] },
      { name: 'person', roles: [], groups: ['1', '2'] },
    ]);
  });

  it('reads every slot type and mapping type', () => {
    const slot = (n: string) => domain.slots.find((s) => s.name === n);
    expect(slot('cuisine')).toEqual({
      name: 'cuisine', type: 'text', influenceConversation: true, initialValue: null,
      mappings: [{ type: 'from_entity', entity: 'cuisine', role: 'destination', intent: ['inform', 'request_restaurant'], not_intent: ['chitchat'] }],
    });
    expect(slot('num_people')).toMatchObject({ type: 'float', minValue: 0, maxValue: 100 });
    expect(slot('outdoor_seating')).toMatchObject({
      type: 'bool', influenceConversation: false, initialValue: false,
      mappings: [{ type: 'from_intent', intent: ['affirm'], value: true, conditions: [{ active_loop: 'restaurant_form', requested_slot: 'outdoor_seating' }] }],
    });
    expect(slot('search_type')).toMatchObject({ type: 'categorical', values: ['spend', 'deposit', '__other__'],
      mappings: [{ type: 'from_trigger_intent', value: 'spend', conditions: [{ active_loop: null }] }] });
    expect(slot('anything')).toMatchObject({ type: 'any', influenceConversation: false, mappings: [{ type: 'custom', action: 'action_fill' }] });
    expect(slot('fancy')).toMatchObject({ type: 'custom', customClass: 'addons.slots.MySlot', mappings: [{ type: 'from_text' }] });
    expect(slot('items')).toMatchObject({ type: 'list', mappings: [] });
  });

  it('reads responses with all variation keys, keeping unknown ones', () => {
    expect(domain.responses['utter_greet']).toEqual([
      { text: 'Hey {name}!', buttons: [{ title: 'great', payload: '/mood_great' }], button_type: 'vertical' },
      { text: 'Hey there' },
    ]);
    expect(domain.responses['utter_welcome']).toEqual([{
      condition: [{ type: 'slot', name: 'logged_in', value: true }], text: 'Welcome back', channel: 'slack', id: 'w1', metadata: { rephrase: true },
    }]);
    expect(domain.responses['utter_picker']?.[0]).toEqual({
      custom: { blocks: [{ type: 'section' }] }, image: 'https://x/y.jpg', attachment: { type: 'file' },
      elements: [{ title: 'a' }], quick_replies: [{ title: 'q', payload: '/q' }],
    });
    expect(domain.responses['utter_chitchat/ask_name']).toEqual([{ text: "I'm Sara" }]);
  });

  it('reads actions, forms (list and legacy dict), config and session_config', () => {
    expect(domain.actions).toEqual(['action_search', 'action_say_hi']);
    expect(domain.actionOptions).toEqual({ action_say_hi: { sendDomain: true } });
    expect(domain.forms['restaurant_form']).toEqual({ name: 'restaurant_form', requiredSlots: ['cuisine', 'num_people'], ignoredIntents: ['chitchat'] });
    expect(domain.forms['legacy_form']?.requiredSlots).toEqual(['cuisine']);
    expect(warnings.some((w) => w.kind === 'legacy_form')).toBe(true);
    expect(domain.storeEntitiesAsSlots).toBe(false);
    expect(domain.sessionConfig).toEqual({ sessionExpirationTime: 0, carryOverSlots: false });
  });

  it('records the line of each declaration', () => {
    expect(sources.intents['greet']).toEqual({ file: 'domain.yml', line: 3 });
    expect(sources.slots['cuisine']).toEqual({ file: 'domain.yml', line: 17 });
  });

  it('uses defaults when optional parts are missing', () => {
    const d = domainOf('intents: [greet]\n').domain;
    expect(d.sessionConfig).toEqual({ sessionExpirationTime: 60, carryOverSlots: true });
    expect(d.storeEntitiesAsSlots).toBe(true);
    const slot = domainOf('slots:\n  s:\n    type: any\n    mappings: []\n').domain.slots[0];
    expect(slot?.influenceConversation).toBe(false);
  });
});

describe('domain errors', () => {
  it('names the file, line and expected types for an unknown slot type', () => {
    const e = errorOf(() => domainOf('intents: [a]\nslots:\n  cuisine:\n    type: txt\n    mappings: []\n'));
    expect(e.code).toBe('PROJECT_INVALID');
    expect(e.message).toBe("domain.yml:4: slot 'cuisine' has unknown type 'txt' (expected one of text, bool, categorical, float, list, any)");
    expect(e.details).toEqual({ file: 'domain.yml', line: 4 });
  });

  it('rejects an unknown mapping type, an influencing any slot and an empty float range', () => {
    expect(errorOf(() => domainOf('slots:\n  s:\n    type: text\n    mappings:\n    - type: from_magic\n')).message)
      .toMatch(/^domain.yml:5: slot 's': mapping has unknown type 'from_magic'/);
    expect(errorOf(() => domainOf('slots:\n  s:\n    type: any\n    influence_conversation: true\n    mappings: []\n')).message)
      .toMatch(/^domain.yml:4: slot 's' of type any cannot influence/);
    expect(errorOf(() => domainOf('slots:\n  s:\n    type: float\n    min_value: 5\n    max_value: 1\n    mappings: []\n')).message)
      .toMatch(/^domain.yml:4: float slot 's' has min_value 5 not below max_value 1/);
    expect(errorOf(() => domainOf('slots:\n  s:\n    type: text\n    mappings:\n    - type: from_entity\n')).message)
      .toMatch(/needs 'entity'/);
  });

  it('reads adjusting mappings of float slots, and rejects a bad adjust or one on another slot type', () => {
    const adjusting = 'slots:\n  n:\n    type: TYPE\n    mappings:\n    - type: from_entity\n      entity: q\n      role: more\n      adjust: ADJ\n';
    const d = domainOf(`entities:\n  - q:\n      roles: [more]\n${adjusting.replace('TYPE', 'float').replace('ADJ', 'add')}`);
    expect(d.domain.slots.find((s) => s.name === 'n')?.mappings).toEqual([{ type: 'from_entity', entity: 'q', role: 'more', adjust: 'add' }]);
    expect(d.warnings).toEqual([]);
    expect(errorOf(() => domainOf(adjusting.replace('TYPE', 'float').replace('ADJ', 'double'))).message)
      .toBe("domain.yml:8: slot 'n': mapping of type from_entity: 'adjust' must be add or subtract, not 'double'");
    expect(errorOf(() => domainOf(adjusting.replace('TYPE', 'text').replace('ADJ', 'add'))).message)
      .toMatch(/slot 'n': a mapping with 'adjust' needs a float slot, not text/);
  });

  it('rejects bad response conditions and buttons without payload', () => {
    expect(errorOf(() => domainOf('responses:\n  utter_x:\n  - text: hi\n    condition:\n    - type: intent\n      name: a\n')).message)
      .toMatch(/^domain.yml:5: response 'utter_x': condition type must be 'slot'/);
    expect(errorOf(() => domainOf('responses:\n  utter_x:\n  - text: hi\n    buttons:\n    - title: a\n')).message)
      .toMatch(/needs a 'payload'/);
  });

  it('reports invalid YAML with its line', () => {
    const e = errorOf(() => YamlSource.parse('domain.yml', 'intents:\n  - greet\n  bad: [\n'));
    expect(e.message).toMatch(/^domain.yml:\d+: invalid YAML/);
    const dup = errorOf(() => YamlSource.parse('domain.yml', 'slots:\n  a: 1\n  a: 2\n'));
    expect(dup.message).toMatch(/^domain.yml:3: invalid YAML: Map keys must be unique/);
  });

  it('rejects the same slot, response or form declared in two domain files, naming both', () => {
    const a = YamlSource.parse('domain/a.yml', 'slots:\n  s:\n    type: text\n    mappings: []\n');
    const b = YamlSource.parse('domain/b.yml', 'intents: [x]\nslots:\n  s:\n    type: bool\n    mappings: []\n');
    const e = errorOf(() => mergeDomainParts([readDomainPart(a, a.root), readDomainPart(b, b.root)], []));
    expect(e.message).toBe("domain/b.yml:3: slot 's' is declared twice (also at domain/a.yml:2)");
  });

  it('warns on repeated intents across files and on unknown keys', () => {
    const a = YamlSource.parse('domain/a.yml', 'intents: [greet]\n');
    const b = YamlSource.parse('domain/b.yml', 'intents: [greet]\nwhatever: 1\n');
    const warnings: ProjectIssue[] = [];
    const merged = mergeDomainParts([readDomainPart(a, a.root), readDomainPart(b, b.root)], warnings);
    expect(merged.domain.intents).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'domain/b.yml', line: 1, kind: 'duplicate_declaration' });
    expect(b.warnings[0]).toMatchObject({ line: 2, kind: 'unknown_key' });
  });
});
