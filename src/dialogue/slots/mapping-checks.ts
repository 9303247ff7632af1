// The rules deciding whether a slot mapping applies to the current turn (rasa-compat §5.1).
import type { Domain, SlotMapping, Tracker } from '../../core/index.js';
import { REQUESTED_SLOT, intentNames } from '../../core/index.js';

/** A mapping naming an entity or intent the domain does not know is skipped (Rasa warns and skips). */
export function mappingIsValid(mapping: SlotMapping, domain: Domain): boolean {
  if (mapping.type === 'from_entity' && !domain.entities.some((e) => e.name === mapping.entity)) return false;
  if (mapping.type === 'from_intent' && mapping.intent && mapping.intent.length > 0) {
    const known = intentNames(domain);
    return mapping.intent.every((i) => known.includes(i));
  }
  return true;
}

/** The active form's ignored_intents, when the mapping is unconditional or conditioned on that form. */
function ignoredIntentsOfActiveForm(mapping: SlotMapping, domain: Domain, activeLoop: string): string[] {
  const conditions = mapping.conditions ?? [];
  const matches = conditions.length === 0 || conditions.some((c) => c.active_loop === activeLoop);
  return matches ? (domain.forms[activeLoop]?.ignoredIntents ?? []) : [];
}

export function intentIsDesired(mapping: SlotMapping, tracker: Tracker, domain: Domain): boolean {
  const intents = mapping.intent ?? [];
  const notIntents = [...(mapping.not_intent ?? [])];
  const activeLoop = tracker.activeLoopName;
  if (activeLoop) notIntents.push(...ignoredIntentsOfActiveForm(mapping, domain, activeLoop));
  const intent = tracker.latestIntent;
  if (intents.length === 0) return !notIntents.includes(intent as string);
  return intent !== null && intents.includes(intent);
}

/** `conditions` (ignored for from_trigger_intent): any condition matching the active loop (and requested slot). */
export function conditionsMatch(mapping: SlotMapping, tracker: Tracker, slotName: string): boolean {
  const conditions = mapping.conditions ?? [];
  if (conditions.length === 0 || mapping.type === 'from_trigger_intent') return true;
  const activeLoop = tracker.state.activeLoop;
  const requested = tracker.slot(REQUESTED_SLOT);
  // a rejected loop means the requested slot was not understood: do not fill it from this turn
  if (activeLoop?.rejected && requested === slotName) return false;
  return conditions.some((c) => {
    if (c.active_loop && c.active_loop === activeLoop?.name) {
      return !c.requested_slot || c.requested_slot === requested;
    }
    return !c.active_loop && !activeLoop;
  });
}

/** JSON with sorted keys, so two equal mappings compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** from_entity mappings that appear exactly once among the form's required slots. */
function uniqueEntityMappings(domain: Domain, formName: string): Set<string> {
  const unique = new Set<string>();
  const duplicate = new Set<string>();
  for (const slotName of domain.forms[formName]?.requiredSlots ?? []) {
    const slot = domain.slots.find((s) => s.name === slotName);
    for (const m of slot?.mappings ?? []) {
      if (m.type !== 'from_entity') continue;
      const key = canonical(m);
      if (unique.has(key)) { unique.delete(key); duplicate.add(key); } else if (!duplicate.has(key)) unique.add(key);
    }
  }
  return unique;
}

/**
 * Inside a form, a required slot that is not the requested one is only filled from an entity
 * when that entity mapping is unique among the form's slots (so "3" does not fill every number slot).
 */
export function failsUniqueEntityCheck(mapping: SlotMapping, slotName: string, tracker: Tracker, domain: Domain): boolean {
  if (mapping.type !== 'from_entity') return false;
  const form = tracker.activeLoopName;
  if (!form || !domain.forms[form]) return false;
  if (tracker.slot(REQUESTED_SLOT) === slotName) return false;
  if (!domain.forms[form].requiredSlots.includes(slotName)) return false;
  return !uniqueEntityMappings(domain, form).has(canonical(mapping));
}
