// The current session of an event log: what a turn needs. `session_started` and `restart`
// reset the tracker fold, so nothing before the latest of them changes the state.
import type { Event } from '../core/index.js';

const ACTION_SESSION_START = 'action_session_start';

/** True for an event that resets the tracker (a window may start there). */
export const isWindowReset = (e: Event): boolean => e.event === 'session_started' || e.event === 'restart';

/** Index of the last reset event in `events`, or -1. */
export function lastResetIndex(events: readonly Event[]): number {
  for (let i = events.length - 1; i >= 0; i--) if (isWindowReset(events[i] as Event)) return i;
  return -1;
}

/** True when the event just before a reset belongs to the window (the action that started the session). */
export const startsSession = (e: Event | undefined): boolean => e?.event === 'action' && e.name === ACTION_SESSION_START;

/** Index of the first event of the current window (0 when the log has no reset). */
export function windowStartIndex(events: readonly Event[]): number {
  const reset = lastResetIndex(events);
  if (reset <= 0) return 0;
  return startsSession(events[reset - 1]) ? reset - 1 : reset;
}
