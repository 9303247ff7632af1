// The tracker in Rasa's `current_state` JSON shape (rasa-compat §1.4).
import type { Tracker } from './conversation.js';
import type { Event } from './events.js';
import { eventToJson } from './event-json.js';

export type EventVerbosity = 'ALL' | 'APPLIED' | 'AFTER_RESTART' | 'NONE';

export const EVENT_VERBOSITIES: readonly EventVerbosity[] = ['ALL', 'APPLIED', 'AFTER_RESTART', 'NONE'];

/** Parses `include_events` case-insensitively; undefined when the value is not one of the four. */
export function parseVerbosity(raw: string | undefined, fallback: EventVerbosity = 'AFTER_RESTART'): EventVerbosity | undefined {
  if (raw === undefined || raw === '') return fallback;
  const upper = raw.toUpperCase();
  return (EVENT_VERBOSITIES as readonly string[]).includes(upper) ? (upper as EventVerbosity) : undefined;
}

function eventsFor(tracker: Tracker, verbosity: EventVerbosity): Event[] | null {
  switch (verbosity) {
    case 'ALL': return [...tracker.events];
    case 'APPLIED': return tracker.applied();
    case 'AFTER_RESTART': return tracker.eventsAfterLatestRestart();
    case 'NONE': return null;
  }
}

export interface TrackerJson {
  sender_id: string;
  slots: Record<string, unknown>;
  latest_message: Record<string, unknown>;
  latest_event_time: number | null;
  followup_action: string | null;
  paused: boolean;
  events: Record<string, unknown>[] | null;
  latest_input_channel: string | null;
  active_loop: Record<string, unknown>;
  latest_action: Record<string, unknown>;
  latest_action_name: string | null;
}

export function trackerToJson(tracker: Tracker, verbosity: EventVerbosity = 'AFTER_RESTART'): TrackerJson {
  const s = tracker.state;
  const lm = s.latestMessage;
  const latestMessage: Record<string, unknown> = lm
    ? { ...lm.parse_data, text: lm.text, message_id: lm.message_id, metadata: lm.metadata }
    : { intent: {}, entities: [], text: null, message_id: null, metadata: {} };
  const events = eventsFor(tracker, verbosity);
  return {
    sender_id: tracker.senderId,
    slots: { ...s.slots },
    latest_message: latestMessage,
    latest_event_time: s.latestEventTime,
    followup_action: s.followupAction,
    paused: s.paused,
    events: events === null ? null : events.map(eventToJson),
    latest_input_channel: s.latestInputChannel,
    active_loop: s.activeLoop ? { ...s.activeLoop } : {},
    latest_action: s.latestAction ? { ...s.latestAction } : {},
    latest_action_name: tracker.latestActionName,
  };
}

/** Events up to and including `until` (epoch seconds), for `?until=`. */
export const eventsUntil = (events: readonly Event[], until: number): Event[] => events.filter((e) => e.timestamp <= until);
