// The tracker: a conversation's state as a pure fold over its event log.
import type { ActionEvent, BotEvent, Event, UserEvent } from './events.js';
import type { Entity, ParseData } from './message.js';
import { ACTION_LISTEN, ACTION_SESSION_START } from './domain.js';

export interface ActiveLoop {
  name: string;
  is_interrupted: boolean;
  rejected: boolean;
  trigger_message: ParseData | null;
}

export type LatestAction = { action_name: string } | { action_text: string };

export interface TrackerState {
  slots: Readonly<Record<string, unknown>>;
  /** the latest user event, with entities added later by `entities` events */
  latestMessage: UserEvent | null;
  latestBotUtterance: BotEvent | null;
  latestAction: LatestAction | null;
  followupAction: string | null;
  paused: boolean;
  activeLoop: ActiveLoop | null;
  latestInputChannel: string | null;
  latestEventTime: number | null;
}

export function initialState(initialSlots: Readonly<Record<string, unknown>>): TrackerState {
  return {
    slots: { ...initialSlots }, latestMessage: null, latestBotUtterance: null, latestAction: null,
    followupAction: null, paused: false, activeLoop: null, latestInputChannel: null, latestEventTime: null,
  };
}

/** Removes events from the end up to and including the last one of `type`. */
function undoTill(type: 'action' | 'user', events: Event[]): void {
  while (events.length > 0) {
    const e = events.pop() as Event;
    if (e.event === type) return;
  }
}

/** A loop's repeated runs collapse to its first run, as Rasa does when it featurizes forms. */
function undoTillPreviousLoopRun(loopName: string, events: Event[]): void {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as Event;
    if (e.event === 'action' && e.name === loopName) return;
    if (e.event === 'action' || e.event === 'user' || e.event === 'user_featurization') events.splice(i, 1);
  }
}

function isFirstLoopRunOrUnhappyPath(loopName: string, applied: readonly Event[]): boolean {
  let nextAction: string | null = null;
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i] as Event;
    // a deactivation means earlier loop events belonged to another run of a loop
    if (e.event === 'active_loop' && e.name === null) return true;
    if (e.event === 'action_execution_rejected' && e.name === loopName) return true;
    // in training data there are no rejections: another action right after a user turn marks the unhappy path
    if (e.event === 'user' && nextAction !== null && nextAction !== loopName) return true;
    if (e.event === 'action') {
      if (e.name === loopName) return false;
      nextAction = e.name;
    }
  }
  return true;
}

/**
 * Events that build the current state: restarts and session starts clear what came before,
 * `undo` drops the last action, `rewind` drops the last user message and the action before it.
 */
export function appliedEvents(events: readonly Event[]): Event[] {
  const loopNames = new Set<string>();
  for (const e of events) if (e.event === 'active_loop' && e.name) loopNames.add(e.name);
  let applied: Event[] = [];
  for (const e of events) {
    if (e.event === 'restart' || e.event === 'session_started') applied = [];
    else if (e.event === 'undo') undoTill('action', applied);
    else if (e.event === 'rewind') { undoTill('user', applied); undoTill('action', applied); }
    else if (e.event === 'action' && e.name !== null && loopNames.has(e.name) && !isFirstLoopRunOrUnhappyPath(e.name, applied)) {
      undoTillPreviousLoopRun(e.name, applied);
      applied.push(e);
    } else applied.push(e);
  }
  return applied;
}

function applyAction(state: TrackerState, e: ActionEvent): TrackerState {
  const latestAction: LatestAction = e.name !== null ? { action_name: e.name } : { action_text: e.action_text ?? '' };
  let activeLoop = state.activeLoop;
  if (activeLoop && e.name === activeLoop.name) activeLoop = { ...activeLoop, is_interrupted: false, rejected: false };
  return { ...state, latestAction, followupAction: null, activeLoop };
}

function addEntities(state: TrackerState, entities: Entity[]): TrackerState {
  const lm = state.latestMessage;
  const listening = state.latestAction !== null && 'action_name' in state.latestAction && state.latestAction.action_name === ACTION_LISTEN;
  if (!lm || !listening) return state;
  const known = lm.parse_data.entities;
  const added = entities.filter((n) => !known.some((k) => k.entity === n.entity && k.value === n.value && k.role === n.role && k.group === n.group));
  return { ...state, latestMessage: { ...lm, parse_data: { ...lm.parse_data, entities: [...known, ...added] } } };
}

/**
 * Applies one event that does not rewrite history (restart, session_started, undo and rewind
 * are handled by {@link foldEvents}, because they need the applied-event list).
 */
export function applyEvent(state: TrackerState, e: Event, initialSlots: Readonly<Record<string, unknown>>): TrackerState {
  const s: TrackerState = { ...state, latestEventTime: e.timestamp };
  switch (e.event) {
    case 'user':
      return { ...s, latestMessage: e, followupAction: null, latestInputChannel: e.input_channel ?? s.latestInputChannel };
    case 'bot': return { ...s, latestBotUtterance: e };
    case 'action': return applyAction(s, e);
    case 'slot':
      // unknown slots are ignored, as in Rasa: the domain defines what a tracker can hold
      return e.name in s.slots ? { ...s, slots: { ...s.slots, [e.name]: e.value } } : s;
    case 'reset_slots': return { ...s, slots: { ...initialSlots } };
    case 'entities': return addEntities(s, e.entities);
    case 'followup': return { ...s, followupAction: e.name };
    case 'pause': return { ...s, paused: true };
    case 'resume': return { ...s, paused: false };
    case 'active_loop':
      return {
        ...s,
        activeLoop: e.name === null ? null
          : { name: e.name, is_interrupted: false, rejected: false, trigger_message: s.latestMessage?.parse_data ?? null },
      };
    case 'loop_interrupted':
      return s.activeLoop ? { ...s, activeLoop: { ...s.activeLoop, is_interrupted: e.is_interrupted } } : s;
    case 'action_execution_rejected':
      return s.activeLoop && s.activeLoop.name === e.name ? { ...s, activeLoop: { ...s.activeLoop, rejected: true } } : s;
    case 'restart': return { ...initialState(initialSlots), followupAction: ACTION_SESSION_START, latestEventTime: e.timestamp };
    case 'session_started': return { ...initialState(initialSlots), latestEventTime: e.timestamp };
    default: return s; // user_featurization, reminders, export, agent, undo/rewind (see foldEvents)
  }
}

function replay(events: readonly Event[], initialSlots: Readonly<Record<string, unknown>>, base: TrackerState): TrackerState {
  let state = base;
  for (const e of events) state = applyEvent(state, e, initialSlots);
  return state;
}

/** The state after the whole event log. */
export function foldEvents(events: readonly Event[], initialSlots: Readonly<Record<string, unknown>>): TrackerState {
  let state = initialState(initialSlots);
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Event;
    if (e.event === 'undo' || e.event === 'rewind') {
      // as Rasa does: reset, then replay what is still applied
      const latest = state;
      state = replay(appliedEvents(events.slice(0, i + 1)), initialSlots, initialState(initialSlots));
      state = { ...state, latestEventTime: e.timestamp, latestInputChannel: state.latestInputChannel ?? latest.latestInputChannel };
    } else state = applyEvent(state, e, initialSlots);
  }
  return state;
}
