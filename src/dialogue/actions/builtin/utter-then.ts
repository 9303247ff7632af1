// Default actions that utter an optional response and then emit fixed events.
import type { Event } from '../../../core/index.js';
import {
  ACTION_BACK, ACTION_DEACTIVATE_LOOP, ACTION_DEFAULT_FALLBACK, ACTION_LISTEN, ACTION_RESTART, ACTION_UNLIKELY_INTENT,
  REQUESTED_SLOT, activeLoopEvent, restartEvent, rewindEvent, slotEvent,
} from '../../../core/index.js';
import type { Action, ActionContext } from '../action.js';
import { utter } from '../utter-action.js';
import type { BuiltinDeps } from './builtin-deps.js';

/** An action that utters `response` if the domain defines it, then appends `after()`. */
function utterThen(name: string, response: string | null, after: () => Event[], deps: BuiltinDeps): Action {
  return {
    name,
    async run(ctx: ActionContext): Promise<Event[]> {
      const uttered = response ? await utter(ctx, response, { ...deps, silentFail: true }) : [];
      return [...uttered, ...after()];
    },
  };
}

export const actionListen = (deps: BuiltinDeps): Action => utterThen(ACTION_LISTEN, null, () => [], deps);
export const actionUnlikelyIntent = (deps: BuiltinDeps): Action => utterThen(ACTION_UNLIKELY_INTENT, null, () => [], deps);
export const actionRestart = (deps: BuiltinDeps): Action => utterThen(ACTION_RESTART, 'utter_restart', () => [restartEvent()], deps);
export const actionDefaultFallback = (deps: BuiltinDeps): Action =>
  utterThen(ACTION_DEFAULT_FALLBACK, 'utter_default', () => [rewindEvent()], deps);
export const actionBack = (deps: BuiltinDeps): Action => utterThen(ACTION_BACK, 'utter_back', () => [rewindEvent(), rewindEvent()], deps);
export const actionDefaultAskRephrase = (deps: BuiltinDeps): Action =>
  utterThen('action_default_ask_rephrase', 'utter_ask_rephrase', () => [], deps);
export const actionDeactivateLoop = (deps: BuiltinDeps): Action =>
  utterThen(ACTION_DEACTIVATE_LOOP, null, () => [activeLoopEvent(null), slotEvent(REQUESTED_SLOT, null)], deps);
