// Every default action of Rasa 3.x, by name.
import type { Action } from '../action.js';
import { actionDefaultAskAffirmation } from './ask-affirmation.js';
import type { BuiltinDeps } from './builtin-deps.js';
import { actionExtractSlots } from './extract-slots-action.js';
import { actionRevertFallbackEvents } from './revert-fallback-events.js';
import { actionSessionStart } from './session-start.js';
import { actionTwoStageFallback } from './two-stage-fallback.js';
import {
  actionBack, actionDeactivateLoop, actionDefaultAskRephrase, actionDefaultFallback, actionListen, actionRestart, actionUnlikelyIntent,
} from './utter-then.js';

export function createDefaultActions(deps: BuiltinDeps): Map<string, Action> {
  const actions = [
    actionListen(deps), actionRestart(deps), actionSessionStart(), actionDefaultFallback(deps), actionDeactivateLoop(deps),
    actionRevertFallbackEvents(), actionDefaultAskAffirmation(), actionDefaultAskRephrase(deps), actionTwoStageFallback(deps),
    actionUnlikelyIntent(deps), actionBack(deps), actionExtractSlots(deps),
  ];
  return new Map(actions.map((a) => [a.name, a]));
}
