// Tests src/core/domain-json.ts against domains read by this loader (round trip through YAML).
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { domainToJson } from '../core/domain-json.js';
import { mergeDomainParts } from './merge-domain.js';
import { readDomainPart } from './read-domain.js';
import { YamlSource } from './yaml-source.js';

const read = (text: string) => {
  const src = YamlSource.parse('domain.yml', text);
  return mergeDomainParts([readDomainPart(src, src.root)], []).domain;
};

const DOMAIN = `intents:
  - greet
  - inform:
      use_entities: [cuisine]
  - chitchat:
      ignore_entities: [city]
entities:
  - cuisine
  - city:
      roles: [from, to]
slots:
  cuisine:
    type: categorical
    values: [Thai, greek]
    mappings:
    - type: from_entity
      entity: cuisine
      intent: inform
      conditions:
      - active_loop: food_form
        requested_slot: cuisine
  people:
    type: float
    min_value: 1
    max_value: 10
    mappings:
    - type: from_intent
      intent: affirm
      value: 2
  mine:
    type: my.module.Slot
    influence_conversation: false
    initial_value: 3
    mappings:
    - type: custom
responses:
  utter_greet:
  - text: hi
    channel: web
actions:
  - action_a
  - action_b:
      send_domain: true
forms:
  food_form:
    required_slots: [cuisine]
  other_form:
    required_slots: [people]
    ignored_intents: [chitchat]
session_config:
  session_expiration_time: 30
  carry_over_slots_to_new_session: false
config:
  store_entities_as_slots: false
`;

describe('domainToJson', () => {
  it("gives Rasa's Domain.as_dict() shape", () => {
    const json = domainToJson(read(DOMAIN));
    expect(json).toEqual({
      version: '3.1',
      intents: ['greet', { inform: { use_entities: ['cuisine'] } }, { chitchat: { ignore_entities: ['city'] } }],
      entities: ['cuisine', { city: { roles: ['from', 'to'] } }],
      slots: {
        cuisine: {
          type: 'categorical', initial_value: null, influence_conversation: true, values: ['thai', 'greek'],
          mappings: [{ type: 'from_entity', entity: 'cuisine', intent: ['inform'], conditions: [{ active_loop: 'food_form', requested_slot: 'cuisine' }] }],
        },
        people: { type: 'float', initial_value: null, influence_conversation: true, min_value: 1, max_value: 10, mappings: [{ type: 'from_intent', value: 2, intent: ['affirm'] }] },
        mine: { type: 'my.module.Slot', initial_value: 3, influence_conversation: false, mappings: [{ type: 'custom' }] },
      },
      responses: { utter_greet: [{ text: 'hi', channel: 'web' }] },
      actions: ['action_a', { action_b: { send_domain: true } }],
      forms: { food_form: { required_slots: ['cuisine'] }, other_form: { required_slots: ['people'], ignored_intents: ['chitchat'] } },
      session_config: { session_expiration_time: 30, carry_over_slots_to_new_session: false },
      config: { store_entities_as_slots: false },
    });
  });

  it('round-trips: the JSON written as YAML reads back to the same domain', () => {
    const domain = read(DOMAIN);
    expect(read(stringify(domainToJson(domain)))).toEqual(domain);
  });
});
