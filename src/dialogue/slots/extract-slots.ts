// action_extract_slots: fills slots from the latest user message through the domain's slot
// mappings (rasa-compat §5.1), then lets action_validate_slot_mappings check them.
import type { Domain, Event, SlotAdjustment, SlotDefinition, SlotEvent, SlotMapping } from '../../core/index.js';
import { REQUESTED_SLOT, Tracker, SESSION_STARTED_METADATA_SLOT, slotEvent, statedAmount } from '../../core/index.js';
import type { ActionResolver } from '../actions/action-resolver.js';
import type { DialogueLogger } from '../actions/logger.js';
import { silentLogger } from '../actions/logger.js';
import { conditionsMatch, failsUniqueEntityCheck, intentIsDesired, mappingIsValid } from './mapping-checks.js';
import { isTruthy, mappingValues } from './mapping-values.js';

export const ACTION_VALIDATE_SLOT_MAPPINGS = 'action_validate_slot_mappings';

export interface ExtractSlotsOptions {
  /** resolves custom-mapping actions and action_validate_slot_mappings; without it they are skipped */
  actions?: ActionResolver;
  channel?: string | null;
  logger?: DialogueLogger;
}

const DEFAULT_SLOTS = new Set([REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT]);

/** The slot event of the first predefined mapping that yields a value, if any. */
function predefinedSlotEvent(slot: SlotDefinition, tracker: Tracker, domain: Domain): SlotEvent | undefined {
  for (const mapping of slot.mappings) {
    if (mapping.type === 'custom' || !mappingIsValid(mapping, domain)) continue;
    if (!intentIsDesired(mapping, tracker, domain)) continue;
    if (!conditionsMatch(mapping, tracker, slot.name)) continue;
    if (failsUniqueEntityCheck(mapping, slot.name, tracker, domain)) continue;
    const values = mappingValues(mapping, tracker);
    if (values.length === 0) continue;
    const value = slotValue(slot, mapping, values, tracker);
    if (value === NOT_AN_AMOUNT) continue;
    // a falsy value only matters when it changes a slot that is set (e.g. clearing it)
    if (isTruthy(value) || tracker.slot(slot.name) !== null) return slotEvent(slot.name, value);
    return undefined;
  }
  return undefined;
}

const NOT_AN_AMOUNT = Symbol('not an amount');

/** What a mapping's values set the slot to: all of them for a list, an amount for a float, else the last. */
function slotValue(slot: SlotDefinition, mapping: SlotMapping, values: unknown[], tracker: Tracker): unknown {
  if (slot.type === 'list') return values;
  const last = values[values.length - 1];
  if (slot.type !== 'float') return last;
  const amount = asAmount(last);
  return mapping.type === 'from_entity' && mapping.adjust ? adjusted(slot.name, amount, mapping.adjust, tracker) : amount;
}

/**
 * A float slot filled from an entity the tagger read as text (三份, 2 份) gets the amount it states.
 * Text stating no one amount (五六份, 十几份, 很多) leaves the slot as it was, where Rasa would store
 * the text: a form then asks for the number again instead of confirming "五六份 份", and templates
 * and comparisons never meet a word where the domain promised a number.
 */
function asAmount(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return statedAmount(value) ?? NOT_AN_AMOUNT;
}

/**
 * An `adjust` mapping's new value: the amount added to or taken from the slot's value before the
 * latest user message (not its current value, so extracting the same message twice, as a form's
 * activation does, changes it once). Taking from an empty slot, or below zero, leaves it as it was.
 */
function adjusted(slot: string, amount: unknown, adjust: SlotAdjustment, tracker: Tracker): unknown {
  if (typeof amount !== 'number') return NOT_AN_AMOUNT;
  const before = tracker.beforeLatestUserMessage().slot(slot);
  const base = typeof before === 'number' ? before : null;
  if (adjust === 'add') return (base ?? 0) + amount;
  if (base === null || base - amount < 0) return NOT_AN_AMOUNT;
  return base - amount;
}

async function runCustomMapping(actionName: string, tracker: Tracker, domain: Domain, opts: ExtractSlotsOptions): Promise<Event[]> {
  const logger = opts.logger ?? silentLogger;
  if (!opts.actions) return [];
  try {
    const events = await opts.actions.get(actionName).run({ tracker, domain, channel: opts.channel ?? tracker.state.latestInputChannel });
    const allowed = events.filter((e) => e.event === 'slot' || e.event === 'bot');
    const dropped = events.filter((e) => e.event !== 'slot' && e.event !== 'bot').map((e) => e.event);
    if (dropped.length > 0) logger.info({ action: actionName, dropped }, 'slots.custom_mapping.events_dropped');
    return allowed;
  } catch (err) {
    logger.warn({ action: actionName, err: (err as Error).message }, 'slots.custom_mapping.failed');
    return [];
  }
}

async function customMappingEvents(slot: SlotDefinition, work: Tracker, domain: Domain, done: Set<string>, opts: ExtractSlotsOptions): Promise<Event[]> {
  const out: Event[] = [];
  for (const mapping of slot.mappings) {
    if (mapping.type !== 'custom' || !mapping.action || done.has(mapping.action)) continue;
    if (!intentIsDesired(mapping, work, domain)) continue;
    done.add(mapping.action);
    out.push(...(await runCustomMapping(mapping.action, work, domain, opts)));
  }
  return out;
}

/** Runs action_validate_slot_mappings on the candidates; slots it does not mention are kept as extracted. */
async function validateSlotMappings(candidates: Event[], tracker: Tracker, domain: Domain, opts: ExtractSlotsOptions): Promise<Event[]> {
  if (!opts.actions || !domain.actions.includes(ACTION_VALIDATE_SLOT_MAPPINGS)) return candidates;
  const slotCandidates = candidates.filter((e): e is SlotEvent => e.event === 'slot');
  const temp = trackerWithCandidates(tracker, slotCandidates);
  try {
    const validated = await opts.actions.get(ACTION_VALIDATE_SLOT_MAPPINGS).run({ tracker: temp, domain, channel: opts.channel ?? tracker.state.latestInputChannel });
    const named = new Set(validated.filter((e): e is SlotEvent => e.event === 'slot').map((e) => e.name));
    return [...candidates.filter((e) => e.event !== 'slot' || !named.has(e.name)), ...validated];
  } catch (err) {
    (opts.logger ?? silentLogger).warn({ err: (err as Error).message }, 'slots.validate_slot_mappings.failed');
    return candidates;
  }
}

/** Rasa's temporary tracker for validation: events after the latest restart + the candidates. */
function trackerWithCandidates(tracker: Tracker, candidates: Event[]): Tracker {
  return Tracker.fromEvents(tracker.senderId, [...tracker.eventsAfterLatestRestart(), ...candidates], tracker.initialSlots);
}

/** The slot (and bot) events action_extract_slots produces for the tracker's latest user message. */
export async function extractSlots(tracker: Tracker, domain: Domain, opts: ExtractSlotsOptions = {}): Promise<Event[]> {
  const events: Event[] = [];
  const work = tracker.copy(); // custom mapping actions see what earlier slots extracted
  const executedCustom = new Set<string>();
  for (const slot of domain.slots) {
    if (DEFAULT_SLOTS.has(slot.name)) continue;
    const custom = await customMappingEvents(slot, work, domain, executedCustom, opts);
    const predefined = predefinedSlotEvent(slot, tracker, domain);
    const produced = predefined ? [...custom, predefined] : custom;
    events.push(...produced);
    work.append(...produced);
  }
  return validateSlotMappings(events, tracker, domain, opts);
}
