// Tracker → the sequence of dialogue states a policy sees: one state before every action of
// the applied history, plus the current state (Rasa's `past_states`).
import type { ActionEvent, Domain, Entity, Event, Tracker, TrackerState } from '../../core/index.js';
import { appliedEvents, applyEvent, initialState, slotInitialValues } from '../../core/index.js';
import type { DialogueState, UserSubState } from './dialogue-state.js';
import { SHOULD_NOT_BE_SET } from './dialogue-state.js';
import { slotFeature } from './slot-features.js';

/** Initial value of every slot in a rule tracker: "not mentioned by the rule". */
const UNMENTIONED: unique symbol = Symbol('unmentioned');

export interface FeaturizeOptions {
  /**
   * Rule semantics: only slots the events set are featurized and an explicit `null` (slot or
   * active_loop) means "must not be set".
   */
  ruleMode?: boolean;
  /** the tracker's initial slots (default: the domain's) */
  initialSlots?: Readonly<Record<string, unknown>>;
}

export interface FeaturizedHistory {
  /** states[i] is the state before actions[i]; the last state is the current one */
  states: DialogueState[];
  actions: ActionEvent[];
}

function entityLabels(entities: readonly Entity[]): string[] {
  const labels = new Set<string>();
  for (const e of entities) {
    labels.add(e.entity);
    if (e.role !== undefined) labels.add(`${e.entity}#${e.role}`);
    if (e.group !== undefined) labels.add(`${e.entity}#${e.group}`);
  }
  return [...labels];
}

function userSubState(st: TrackerState, domain: Domain): UserSubState | undefined {
  const pd = st.latestMessage?.parse_data;
  if (!pd) return undefined;
  const sub: UserSubState = {};
  const intent = pd.intent?.name;
  if (intent) sub.intent = intent;
  else if (st.latestMessage?.text) sub.text = st.latestMessage.text;
  const config = intent ? domain.intents.find((i) => i.name === intent) : undefined;
  const wanted = (label: string): boolean => {
    if (!config) return true;
    const base = label.split('#')[0] ?? label;
    if (config.ignoreEntities.includes(base) || config.ignoreEntities.includes(label)) return false;
    return config.useEntities === true || config.useEntities.includes(label) || config.useEntities.includes(base);
  };
  const entities = intent ? entityLabels(pd.entities).filter(wanted).sort() : [];
  if (entities.length > 0) sub.entities = entities;
  return sub.intent || sub.text ? sub : undefined;
}

function slotsSubState(st: TrackerState, domain: Domain, ruleMode: boolean): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const def of domain.slots) {
    const value = st.slots[def.name];
    if (value === UNMENTIONED || !def.influenceConversation || def.type === 'any') continue;
    const feature = ruleMode && value === null ? SHOULD_NOT_BE_SET : slotFeature(def, value);
    if (feature !== undefined) out[def.name] = feature;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function stateOf(st: TrackerState, domain: Domain, opts: { ruleMode: boolean; loopEventSeen: boolean }): DialogueState {
  if (!st.latestAction) return {}; // nothing happened yet: the conversation-start state
  const state: DialogueState = {};
  const user = userSubState(st, domain);
  if (user) state.user = user;
  state.prevAction = 'action_name' in st.latestAction ? { name: st.latestAction.action_name } : { text: st.latestAction.action_text };
  if (st.activeLoop) state.activeLoop = st.activeLoop.name;
  else if (opts.ruleMode && opts.loopEventSeen) state.activeLoop = SHOULD_NOT_BE_SET;
  const slots = slotsSubState(st, domain, opts.ruleMode);
  if (slots) state.slots = slots;
  return state;
}

function ruleInitialSlots(domain: Domain): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const name of Object.keys(slotInitialValues(domain))) slots[name] = UNMENTIONED;
  return slots;
}

/** One prior tracker: the state before `action` (null for the current state) and the tracker it came from. */
export interface PriorState {
  state: DialogueState;
  before: TrackerState;
  action: ActionEvent | null;
}

/** The state before every action of the applied history, then the current state (Rasa's prior trackers). */
export function priorStates(events: readonly Event[], domain: Domain, opts: FeaturizeOptions = {}): PriorState[] {
  const ruleMode = opts.ruleMode ?? false;
  const initialSlots = ruleMode ? ruleInitialSlots(domain) : (opts.initialSlots ?? slotInitialValues(domain));
  const out: PriorState[] = [];
  let st = initialState(initialSlots);
  let loopEventSeen = false;
  for (const e of appliedEvents(events)) {
    if (e.event === 'action') out.push({ state: stateOf(st, domain, { ruleMode, loopEventSeen }), before: st, action: e });
    if (e.event === 'active_loop') loopEventSeen = true;
    st = applyEvent(st, e, initialSlots);
  }
  out.push({ state: stateOf(st, domain, { ruleMode, loopEventSeen }), before: st, action: null });
  return out;
}

/** The states of an event log's applied history. */
export function featurizeEvents(events: readonly Event[], domain: Domain, opts: FeaturizeOptions = {}): FeaturizedHistory {
  const prior = priorStates(events, domain, opts);
  return {
    states: prior.map((p) => p.state),
    actions: prior.flatMap((p) => (p.action ? [p.action] : [])),
  };
}

/** The states of a live tracker; the last one is the state to predict from. */
export function trackerStates(tracker: Tracker, domain: Domain): DialogueState[] {
  return featurizeEvents(tracker.events, domain, { initialSlots: tracker.initialSlots }).states;
}
