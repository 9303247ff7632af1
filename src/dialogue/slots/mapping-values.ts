// The candidate values a predefined slot mapping yields for the latest user message.
import type { Entity, SlotMapping, Tracker } from '../../core/index.js';

function entityMatches(e: Entity, entity: string, role: string | undefined, group: string | undefined): boolean {
  return e.entity === entity && (e.role ?? undefined) === role && (e.group ?? undefined) === group;
}

/** Values of the latest message's entities matching entity + role + group (role/group must be equal, absent = absent). */
export function latestEntityValues(tracker: Tracker, entity: string, role?: string, group?: string): unknown[] {
  const entities = tracker.state.latestMessage?.parse_data.entities ?? [];
  return entities.filter((e) => entityMatches(e, entity, role, group)).map((e) => e.value);
}

/** from_trigger_intent only fills while a loop is active, and only for the loops its conditions name. */
function triggerConditionMet(mapping: SlotMapping, tracker: Tracker): boolean {
  const active = tracker.activeLoopName;
  if (!active) return false;
  const loops = (mapping.conditions ?? []).map((c) => c.active_loop);
  return loops.length === 0 || loops.includes(active);
}

/** A list of candidate values (empty = the mapping yields nothing). */
export function mappingValues(mapping: SlotMapping, tracker: Tracker): unknown[] {
  switch (mapping.type) {
    case 'from_entity': return latestEntityValues(tracker, mapping.entity, mapping.role, mapping.group);
    case 'from_intent': return [mapping.value];
    case 'from_trigger_intent': return triggerConditionMet(mapping, tracker) ? [mapping.value] : [];
    case 'from_text': return [tracker.state.latestMessage?.text ?? null];
    case 'custom': return [];
  }
}

/** Python truthiness, which decides whether an extracted value is worth a slot event. */
export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
