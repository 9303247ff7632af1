// action_revert_fallback_events: after a successful two-stage fallback, rewrite history as if the
// user had said the clarified message right away.
import type { Event, UserEvent } from '../../../core/index.js';
import { ACTION_LISTEN, actionEvent, rewindEvent } from '../../../core/index.js';
import type { Tracker } from '../../../core/index.js';
import type { Action, ActionContext } from '../action.js';

const ASK_AFFIRMATION = 'action_default_ask_affirmation';
const ASK_REPHRASE = 'action_default_ask_rephrase';

/** The name of the (skip+1)-th latest action event other than action_listen. */
export function lastExecutedAction(tracker: Tracker, skip = 0): string | null {
  let seen = 0;
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i] as Event;
    if (e.event !== 'action' || e.name === ACTION_LISTEN) continue;
    if (seen === skip) return e.name;
    seen++;
  }
  return null;
}

/** The latest user message, copied with full confidence in its intent. */
export function confirmedLatestUser(tracker: Tracker): UserEvent | undefined {
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i] as Event;
    if (e.event !== 'user') continue;
    const copy = structuredClone(e);
    if (copy.parse_data.intent) copy.parse_data.intent.confidence = 1;
    return copy;
  }
  return undefined;
}

const revertRephrasing = (): Event[] => [rewindEvent(), actionEvent(ACTION_LISTEN)];

export const actionRevertFallbackEvents = (): Action => ({
  name: 'action_revert_fallback_events',
  async run(ctx: ActionContext): Promise<Event[]> {
    const { tracker } = ctx;
    const last = confirmedLatestUser(tracker);
    if (!last) return [];
    if (lastExecutedAction(tracker) === ASK_REPHRASE) return [...revertRephrasing(), last];
    if (lastExecutedAction(tracker) !== ASK_AFFIRMATION) return [];
    const events: Event[] = [rewindEvent(), rewindEvent(), actionEvent(ACTION_LISTEN)];
    if (lastExecutedAction(tracker, 1) === ASK_REPHRASE) events.push(...revertRephrasing());
    return [...events, last];
  },
});
