// When a conversation needs a new session (rasa-compat §4 "Sessions").
import type { Domain, Event, Tracker } from '../../core/index.js';
import { nowSeconds } from '../../core/index.js';

/** Minutes since the latest user message exceed session_expiration_time (0 = sessions never expire). */
export function sessionExpired(tracker: Tracker, domain: Domain, now: number = nowSeconds()): boolean {
  const minutes = domain.sessionConfig.sessionExpirationTime;
  if (!(minutes > 0)) return false;
  const last = tracker.latestUserTimestamp();
  if (last === undefined) return false;
  return (now - last) / 60 > minutes;
}

export const needsNewSession = (tracker: Tracker, domain: Domain): boolean =>
  tracker.hasNoAppliedEvents() || sessionExpired(tracker, domain);

/** Actions (executed or rejected) since the latest user message: what the per-turn cap counts. */
export function actionsSinceLatestUser(events: readonly Event[]): number {
  let count = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as Event;
    if (e.event === 'user') break;
    if (e.event === 'action' || e.event === 'action_execution_rejected') count++;
  }
  return count;
}
