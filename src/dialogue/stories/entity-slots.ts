// Training-time entity → slot filling (rasa-compat §5.1, last bullet): a user turn's entities
// set the slots whose from_entity mapping is unconditional or not tied to an active loop.
import type { Domain, Entity, FromEntityMapping, SlotDefinition, SlotEvent, SlotAssertion } from '../../core/index.js';
import { slotEvent } from '../../core/index.js';

function usableMapping(m: FromEntityMapping): boolean {
  // an adjusting mapping's value is not the entity's: stories leave such slots to slot_was_set
  if (m.adjust !== undefined) return false;
  const first = m.conditions?.[0];
  return !first || first.active_loop === null;
}

function matches(m: FromEntityMapping, e: Pick<Entity, 'entity' | 'role' | 'group'>): boolean {
  return m.entity === e.entity && (m.role ?? undefined) === (e.role ?? undefined) && (m.group ?? undefined) === (e.group ?? undefined);
}

/** The slot events Rasa adds after a story's user turn when `store_entities_as_slots` is on. */
export function entitySlotEvents(entities: readonly Entity[], domain: Domain): SlotEvent[] {
  if (!domain.storeEntitiesAsSlots || entities.length === 0) return [];
  const events: SlotEvent[] = [];
  for (const slot of domain.slots) {
    const values: unknown[] = [];
    for (const m of slot.mappings) {
      if (m.type !== 'from_entity' || !usableMapping(m)) continue;
      for (const e of entities) if (matches(m, e)) values.push(e.value);
    }
    if (values.length > 0) events.push(slotEvent(slot.name, slot.type === 'list' ? values : values[values.length - 1]));
  }
  return events;
}

/** The value a bare `slot_was_set: - name` stands for ("any non-null value"). */
export function anySlotValue(slot: SlotDefinition | undefined): unknown {
  switch (slot?.type) {
    case 'list': return ['filled'];
    case 'bool': return true;
    case 'categorical': return slot.values?.find((v) => v !== '__other__') ?? 'filled';
    case 'float': return slot.maxValue ?? 1;
    default: return 'filled';
  }
}

/** The value a slot assertion sets in a training or test tracker. */
export function assertionValue(a: SlotAssertion, domain: Domain): unknown {
  return a.anyValue ? anySlotValue(domain.slots.find((s) => s.name === a.name)) : a.value;
}
