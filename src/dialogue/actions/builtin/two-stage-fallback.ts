// action_two_stage_fallback: a loop that asks the user to affirm the guessed intent, then to
// rephrase, and gives up (action_default_fallback) after two failed attempts.
import type { Event, Tracker } from '../../../core/index.js';
import { ACTION_DEFAULT_FALLBACK, ACTION_LISTEN, ACTION_TWO_STAGE_FALLBACK, actionEvent, activeLoopEvent, nowSeconds, rewindEvent } from '../../../core/index.js';
import type { Action, ActionContext } from '../action.js';
import type { BuiltinDeps } from './builtin-deps.js';
import { confirmedLatestUser } from './revert-fallback-events.js';

const NLU_FALLBACK = 'nlu_fallback';
const OUT_OF_SCOPE = 'out_of_scope';

/** Intents of the latest `n` user messages since the latest restart, newest first. */
function lastIntentNames(tracker: Tracker, n: number): (string | null)[] {
  const names: (string | null)[] = [];
  const events = tracker.eventsAfterLatestRestart();
  for (let i = events.length - 1; i >= 0 && names.length < n; i--) {
    const e = events[i] as Event;
    if (e.event === 'user') names.push(e.parse_data.intent?.name ?? null);
  }
  return names;
}

const same = (a: (string | null)[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const twoFallbacksInARow = (t: Tracker): boolean => same(lastIntentNames(t, 2), [NLU_FALLBACK, NLU_FALLBACK]);
const secondAffirmationFailed = (t: Tracker): boolean => same(lastIntentNames(t, 3), [OUT_OF_SCOPE, NLU_FALLBACK, OUT_OF_SCOPE]);

function isDone(tracker: Tracker): boolean {
  const intent = tracker.latestIntent;
  const clarified = intent !== NLU_FALLBACK && intent !== OUT_OF_SCOPE;
  return clarified || twoFallbacksInARow(tracker) || secondAffirmationFailed(tracker);
}

export const actionTwoStageFallback = (deps: BuiltinDeps): Action => ({
  name: ACTION_TWO_STAGE_FALLBACK,
  async run(ctx: ActionContext): Promise<Event[]> {
    const { tracker } = ctx;
    const events: Event[] = [];
    const activating = tracker.activeLoopName !== ACTION_TWO_STAGE_FALLBACK;
    if (activating) events.push(activeLoopEvent(ACTION_TWO_STAGE_FALLBACK));
    if (!isDone(tracker)) {
      const affirm = activating || tracker.latestIntent === NLU_FALLBACK;
      const ask = affirm ? 'action_default_ask_affirmation' : 'action_default_ask_rephrase';
      return [...events, ...(await deps.actions.get(ask).run(ctx))];
    }
    events.push(activeLoopEvent(null));
    if (twoFallbacksInARow(tracker) || secondAffirmationFailed(tracker)) {
      return [...events, ...(await deps.actions.get(ACTION_DEFAULT_FALLBACK).run(ctx))];
    }
    // the user clarified: replace the unclear message with the clear one
    const clarified = confirmedLatestUser(tracker);
    if (!clarified) return events;
    return [...events, rewindEvent(), actionEvent(ACTION_LISTEN), { ...clarified, timestamp: nowSeconds() }];
  },
});
