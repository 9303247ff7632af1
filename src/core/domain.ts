// The domain: what a bot knows (intents, entities, slots, responses, actions, forms).
import type { Button } from './events.js';

export type SlotType = 'text' | 'bool' | 'categorical' | 'float' | 'list' | 'any' | 'custom';

/** A mapping condition: the slot is filled only while this loop (or none, when null) is active. */
export interface MappingCondition {
  active_loop: string | null;
  requested_slot?: string | null;
}

interface MappingBase {
  intent?: string[];
  not_intent?: string[];
  conditions?: MappingCondition[];
}
/**
 * `adjust` (Parley's addition, float slots only): the entity's amount is added to or subtracted from
 * the value the slot had before the message (再加两份, 减一份), instead of replacing it.
 */
export interface FromEntityMapping extends MappingBase { type: 'from_entity'; entity: string; role?: string; group?: string; adjust?: SlotAdjustment }
export type SlotAdjustment = 'add' | 'subtract';
export interface FromTextMapping extends MappingBase { type: 'from_text' }
export interface FromIntentMapping extends MappingBase { type: 'from_intent'; value: unknown }
export interface FromTriggerIntentMapping extends MappingBase { type: 'from_trigger_intent'; value: unknown }
export interface CustomMapping extends MappingBase { type: 'custom'; action?: string }
export type SlotMapping = FromEntityMapping | FromTextMapping | FromIntentMapping | FromTriggerIntentMapping | CustomMapping;

export interface SlotDefinition {
  name: string;
  type: SlotType;
  influenceConversation: boolean;
  initialValue: unknown;
  /** categorical values, lower-cased, with `__other__` */
  values?: string[];
  minValue?: number;
  maxValue?: number;
  /** class path of a custom slot type, kept for round-tripping */
  customClass?: string;
  mappings: SlotMapping[];
}

export interface IntentDefinition {
  name: string;
  /** true = all entities; otherwise the listed ones */
  useEntities: true | string[];
  ignoreEntities: string[];
  isRetrieval?: boolean;
}

export interface EntityDefinition { name: string; roles: string[]; groups: string[] }

export interface ResponseCondition { type: 'slot'; name: string; value: unknown }

export interface ResponseVariation {
  text?: string;
  buttons?: Button[];
  quick_replies?: Button[];
  image?: string;
  custom?: unknown;
  attachment?: unknown;
  elements?: unknown[];
  condition?: ResponseCondition[];
  channel?: string;
  id?: string;
  metadata?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface FormDefinition { name: string; requiredSlots: string[]; ignoredIntents: string[] }

export interface SessionConfig {
  /** minutes; 0 = never expires */
  sessionExpirationTime: number;
  carryOverSlots: boolean;
}

export interface ActionOptions { sendDomain: boolean }

export interface Domain {
  intents: IntentDefinition[];
  entities: EntityDefinition[];
  slots: SlotDefinition[];
  responses: Record<string, ResponseVariation[]>;
  /** actions declared under `actions:` (custom actions, overridden defaults, validate_* ...) */
  actions: string[];
  actionOptions: Record<string, ActionOptions>;
  forms: Record<string, FormDefinition>;
  sessionConfig: SessionConfig;
  storeEntitiesAsSlots: boolean;
}

export const ACTION_LISTEN = 'action_listen';
export const ACTION_SESSION_START = 'action_session_start';
export const ACTION_EXTRACT_SLOTS = 'action_extract_slots';
export const ACTION_DEFAULT_FALLBACK = 'action_default_fallback';
export const ACTION_RESTART = 'action_restart';
export const ACTION_DEACTIVATE_LOOP = 'action_deactivate_loop';
export const ACTION_BACK = 'action_back';
export const ACTION_TWO_STAGE_FALLBACK = 'action_two_stage_fallback';
export const ACTION_UNLIKELY_INTENT = 'action_unlikely_intent';
export const RULE_SNIPPET_ACTION = '...';

export const DEFAULT_ACTIONS: readonly string[] = [
  ACTION_LISTEN, ACTION_RESTART, ACTION_SESSION_START, ACTION_DEFAULT_FALLBACK, ACTION_DEACTIVATE_LOOP,
  'action_revert_fallback_events', 'action_default_ask_affirmation', 'action_default_ask_rephrase',
  ACTION_TWO_STAGE_FALLBACK, ACTION_UNLIKELY_INTENT, ACTION_BACK, ACTION_EXTRACT_SLOTS, RULE_SNIPPET_ACTION,
];

export const DEFAULT_INTENTS: readonly string[] = ['restart', 'back', 'out_of_scope', 'session_start', 'nlu_fallback'];

export const REQUESTED_SLOT = 'requested_slot';
export const SESSION_STARTED_METADATA_SLOT = 'session_started_metadata';

export const DEFAULT_SESSION_CONFIG: SessionConfig = { sessionExpirationTime: 60, carryOverSlots: true };

export function emptyDomain(): Domain {
  return {
    intents: [], entities: [], slots: [], responses: {}, actions: [], actionOptions: {}, forms: {},
    sessionConfig: { ...DEFAULT_SESSION_CONFIG }, storeEntitiesAsSlots: true,
  };
}

/** Every intent the bot can see: declared ones plus Rasa's default intents. */
export function intentNames(domain: Domain): string[] {
  const names = domain.intents.map((i) => i.name);
  for (const d of DEFAULT_INTENTS) if (!names.includes(d)) names.push(d);
  return names;
}

export const slotByName = (domain: Domain, name: string): SlotDefinition | undefined =>
  domain.slots.find((s) => s.name === name);

/** Every action name the domain resolves: defaults, responses (utter_*), declared actions, forms. */
export function actionNames(domain: Domain): string[] {
  const set = new Set<string>(DEFAULT_ACTIONS);
  for (const r of Object.keys(domain.responses)) {
    set.add(r);
    const slash = r.indexOf('/');
    if (slash > 0) set.add(r.slice(0, slash)); // utter_chitchat/ask_name → retrieval action utter_chitchat
  }
  for (const a of domain.actions) set.add(a);
  for (const f of Object.keys(domain.forms)) set.add(f);
  return [...set];
}

/** Slots every tracker has besides the domain's own (Rasa adds these automatically). */
export function slotInitialValues(domain: Domain): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const s of domain.slots) slots[s.name] = s.initialValue ?? null;
  if (Object.keys(domain.forms).length > 0 && !(REQUESTED_SLOT in slots)) slots[REQUESTED_SLOT] = null;
  if (!(SESSION_STARTED_METADATA_SLOT in slots)) slots[SESSION_STARTED_METADATA_SLOT] = null;
  return slots;
}
