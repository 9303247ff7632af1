import { describe, expect, it } from 'vitest';
import { Tracker } from './conversation.js';
import {
  actionEvent, activeLoopEvent, actionExecutionRejectedEvent, botEvent, entitiesEvent, followupEvent, loopInterruptedEvent,
  resetSlotsEvent, restartEvent, rewindEvent, sessionStartedEvent, slotEvent, undoEvent, userEvent,
} from './events.js';
import type { Event } from './events.js';
import { foldEvents } from './tracker.js';
import { parseVerbosity, trackerToJson } from './tracker-json.js';

const slots = { city: null, requested_slot: null, session_started_metadata: null };
const user = (intent: string, text = intent) => userEvent(text, { text, intent: { name: intent, confidence: 1 }, entities: [] }, { inputChannel: 'rest' });
const start = (): Event[] => [actionEvent('action_session_start'), sessionStartedEvent(), actionEvent('action_listen')];

describe('tracker fold', () => {
  it('sets known slots and ignores unknown ones', () => {
    const s = foldEvents([slotEvent('city', 'Berlin'), slotEvent('nope', 1)], slots);
    expect(s.slots).toEqual({ ...slots, city: 'Berlin' });
  });

  it('tracks latest message, action, bot utterance and input channel', () => {
    const t = Tracker.fromEvents('u', [...start(), user('greet'), actionEvent('utter_greet'), botEvent('hi')], slots);
    expect(t.latestIntent).toBe('greet');
    expect(t.latestActionName).toBe('utter_greet');
    expect(t.state.latestBotUtterance?.text).toBe('hi');
    expect(t.state.latestInputChannel).toBe('rest');
  });

  it('adds entities to the latest message only right after action_listen', () => {
    const t = Tracker.fromEvents('u', [...start(), user('inform'), actionEvent('action_listen'), entitiesEvent([{ entity: 'city', value: 'Paris' }])], slots);
    expect(t.state.latestMessage?.parse_data.entities).toEqual([{ entity: 'city', value: 'Paris' }]);
    const u = Tracker.fromEvents('u', [...start(), user('inform'), actionEvent('utter_x'), entitiesEvent([{ entity: 'city', value: 'Paris' }])], slots);
    expect(u.state.latestMessage?.parse_data.entities).toEqual([]);
  });

  it('activates, interrupts, rejects and deactivates loops', () => {
    const t = Tracker.fromEvents('u', [...start(), user('order'), actionEvent('order_form'), activeLoopEvent('order_form')], slots);
    expect(t.state.activeLoop).toMatchObject({ name: 'order_form', is_interrupted: false, rejected: false });
    expect(t.state.activeLoop?.trigger_message?.intent?.name).toBe('order');
    t.append(loopInterruptedEvent(true), actionExecutionRejectedEvent('order_form'));
    expect(t.state.activeLoop).toMatchObject({ is_interrupted: true, rejected: true });
    t.append(actionEvent('order_form'));
    expect(t.state.activeLoop).toMatchObject({ is_interrupted: false, rejected: false });
    t.append(activeLoopEvent(null));
    expect(t.state.activeLoop).toBeNull();
  });

  it('rewind removes the last user message and the action_listen before it', () => {
    const t = Tracker.fromEvents('u', [...start(), user('greet'), actionEvent('utter_greet'), actionEvent('action_listen'), user('deny'), slotEvent('city', 'X'), rewindEvent()], slots);
    expect(t.latestIntent).toBe('greet');
    expect(t.latestActionName).toBe('utter_greet');
    expect(t.slot('city')).toBeNull();
  });

  it('undo reverts the last action and what it set', () => {
    const t = Tracker.fromEvents('u', [...start(), user('greet'), actionEvent('utter_greet'), actionEvent('action_x'), slotEvent('city', 'Y'), undoEvent()], slots);
    expect(t.latestActionName).toBe('utter_greet');
    expect(t.slot('city')).toBeNull(); // the undone action's own events go with it
    const applied = t.applied().map((e) => e.event === 'action' ? e.name : e.event);
    expect(applied).not.toContain('action_x');
  });

  it('restart resets everything and asks for a session start; session_started resets state', () => {
    const t = Tracker.fromEvents('u', [...start(), user('greet'), slotEvent('city', 'B'), restartEvent()], slots);
    expect(t.slot('city')).toBeNull();
    expect(t.state.followupAction).toBe('action_session_start');
    expect(t.hasNoAppliedEvents()).toBe(true);
    t.append(actionEvent('action_session_start'));
    expect(t.state.followupAction).toBeNull();
    t.append(slotEvent('city', 'C'), sessionStartedEvent());
    expect(t.slot('city')).toBeNull();
  });

  it('handles reset_slots, followup, pause and resume', () => {
    const t = Tracker.fromEvents('u', [slotEvent('city', 'B'), resetSlotsEvent(), followupEvent('utter_x'), { event: 'pause', timestamp: 1 }], slots);
    expect(t.slot('city')).toBeNull();
    expect(t.state.followupAction).toBe('utter_x');
    expect(t.state.paused).toBe(true);
    t.append({ event: 'resume', timestamp: 2 });
    expect(t.state.paused).toBe(false);
  });

  it('is a pure fold: appending incrementally equals folding the whole log', () => {
    const events = [...start(), user('greet'), slotEvent('city', 'A'), actionEvent('x'), rewindEvent(), user('bye'), actionEvent('order_form'), activeLoopEvent('order_form')];
    const incremental = Tracker.empty('u', slots);
    for (const e of events) incremental.append(e);
    const { latestEventTime: _a, ...a } = incremental.state;
    const { latestEventTime: _b, ...b } = foldEvents(events, slots);
    expect(a).toEqual(b);
  });

  it('reads the conversation as it was before its latest user message', () => {
    const t = Tracker.fromEvents('u', [...start(), user('greet'), actionEvent('utter_hi'), botEvent('hi', {}, { utter_action: 'utter_hi' }),
      slotEvent('city', 'A'), user('inform'), slotEvent('city', 'B')], slots);
    const earlier = t.beforeLatestUserMessage();
    expect(earlier.slot('city')).toBe('A');
    expect(earlier.state.latestBotUtterance?.metadata).toEqual({ utter_action: 'utter_hi' });
    expect(earlier.latestIntent).toBe('greet');
    expect(t.slot('city')).toBe('B'); // the tracker itself is unchanged
    const none = Tracker.fromEvents('u', [slotEvent('city', 'A')], slots);
    expect(none.beforeLatestUserMessage()).toBe(none);
  });
});

describe('tracker JSON', () => {
  const events = [...start(), user('greet'), actionEvent('utter_greet'), restartEvent(), ...start(), user('bye')];

  it('renders Rasa current_state keys', () => {
    const json = trackerToJson(Tracker.fromEvents('abc', events, slots), 'ALL');
    expect(Object.keys(json).sort()).toEqual(['active_loop', 'events', 'followup_action', 'latest_action', 'latest_action_name',
      'latest_event_time', 'latest_input_channel', 'latest_message', 'paused', 'sender_id', 'slots'].sort());
    expect(json.sender_id).toBe('abc');
    expect(json.active_loop).toEqual({});
    expect(json.latest_message).toMatchObject({ intent: { name: 'bye' }, text: 'bye' });
  });

  it('selects events by verbosity', () => {
    const t = Tracker.fromEvents('abc', events, slots);
    expect(trackerToJson(t, 'ALL').events).toHaveLength(events.length);
    expect(trackerToJson(t, 'AFTER_RESTART').events).toHaveLength(4);
    expect(trackerToJson(t, 'APPLIED').events?.map((e) => e['event'])).toEqual(['action', 'user']);
    expect(trackerToJson(t, 'NONE').events).toBeNull();
  });

  it('parses include_events case-insensitively', () => {
    expect(parseVerbosity('applied')).toBe('APPLIED');
    expect(parseVerbosity(undefined)).toBe('AFTER_RESTART');
    expect(parseVerbosity('everything')).toBeUndefined();
  });
});
