// The domain in Rasa's `Domain.as_dict()` shape (what `GET /domain` returns, rasa-compat §1.5).
import type { Domain, FormDefinition, IntentDefinition, SlotDefinition, SlotMapping } from './domain.js';

export const DOMAIN_FORMAT_VERSION = '3.1';

export function domainToJson(domain: Domain): Record<string, unknown> {
  return {
    version: DOMAIN_FORMAT_VERSION,
    intents: domain.intents.map(intentToJson),
    entities: domain.entities.map((e) => {
      if (e.roles.length === 0 && e.groups.length === 0) return e.name;
      const props: Record<string, unknown> = {};
      if (e.roles.length > 0) props['roles'] = [...e.roles];
      if (e.groups.length > 0) props['groups'] = [...e.groups];
      return { [e.name]: props };
    }),
    slots: Object.fromEntries(domain.slots.map((s) => [s.name, slotToJson(s)])),
    responses: structuredClone(domain.responses),
    actions: domain.actions.map((a) => (domain.actionOptions[a]?.sendDomain ? { [a]: { send_domain: true } } : a)),
    forms: Object.fromEntries(Object.values(domain.forms).map((f) => [f.name, formToJson(f)])),
    session_config: {
      session_expiration_time: domain.sessionConfig.sessionExpirationTime,
      carry_over_slots_to_new_session: domain.sessionConfig.carryOverSlots,
    },
    config: { store_entities_as_slots: domain.storeEntitiesAsSlots },
  };
}

/** A plain name when the intent uses every entity, as Rasa writes it back. */
function intentToJson(intent: IntentDefinition): string | Record<string, unknown> {
  if (intent.useEntities === true && intent.ignoreEntities.length === 0) return intent.name;
  const props: Record<string, unknown> = intent.useEntities === true
    ? { ignore_entities: [...intent.ignoreEntities] }
    : { use_entities: [...intent.useEntities] };
  return { [intent.name]: props };
}

function slotToJson(slot: SlotDefinition): Record<string, unknown> {
  const json: Record<string, unknown> = {
    type: slot.type === 'custom' ? (slot.customClass ?? 'custom') : slot.type,
    initial_value: slot.initialValue ?? null,
    influence_conversation: slot.influenceConversation,
    mappings: slot.mappings.map(mappingToJson),
  };
  // `__other__` is added on load, so it is left out to keep the written domain reloadable
  if (slot.values) json['values'] = slot.values.filter((v) => v !== '__other__');
  if (slot.minValue !== undefined) json['min_value'] = slot.minValue;
  if (slot.maxValue !== undefined) json['max_value'] = slot.maxValue;
  return json;
}

function mappingToJson(mapping: SlotMapping): Record<string, unknown> {
  const json: Record<string, unknown> = { type: mapping.type };
  if (mapping.type === 'from_entity') {
    json['entity'] = mapping.entity;
    if (mapping.role !== undefined) json['role'] = mapping.role;
    if (mapping.group !== undefined) json['group'] = mapping.group;
    if (mapping.adjust !== undefined) json['adjust'] = mapping.adjust;
  }
  if (mapping.type === 'from_intent' || mapping.type === 'from_trigger_intent') json['value'] = mapping.value;
  if (mapping.type === 'custom' && mapping.action !== undefined) json['action'] = mapping.action;
  if (mapping.intent) json['intent'] = [...mapping.intent];
  if (mapping.not_intent) json['not_intent'] = [...mapping.not_intent];
  if (mapping.conditions) json['conditions'] = mapping.conditions.map((c) => ({ ...c }));
  return json;
}

function formToJson(form: FormDefinition): Record<string, unknown> {
  const json: Record<string, unknown> = { required_slots: [...form.requiredSlots] };
  if (form.ignoredIntents.length > 0) json['ignored_intents'] = [...form.ignoredIntents];
  return json;
}
