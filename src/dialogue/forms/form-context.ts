// What a form needs besides the ActionContext: the other actions (validate_*, ask actions).
import type { Event, FormDefinition } from '../../core/index.js';
import { REQUESTED_SLOT, Tracker, actionEvent, slotEvent } from '../../core/index.js';
import type { ActionContext } from '../actions/action.js';
import type { ActionResolver } from '../actions/action-resolver.js';
import type { DialogueLogger } from '../actions/logger.js';

export interface FormDeps {
  actions: ActionResolver;
  logger?: DialogueLogger;
}

export interface FormRun {
  form: FormDefinition;
  ctx: ActionContext;
  deps: FormDeps;
}

/**
 * Rasa's temporary tracker for the form's helper actions: events after the latest restart, the
 * requested slot, the form's own action event, then the events this run produced so far.
 * rasa-sdk's FormValidationAction reads the trailing `slot` events as the slots to validate.
 */
export function formTemporaryTracker(run: FormRun, additional: Event[]): Tracker {
  const t = run.ctx.tracker;
  return Tracker.fromEvents(t.senderId, [
    ...t.eventsAfterLatestRestart(),
    slotEvent(REQUESTED_SLOT, t.slot(REQUESTED_SLOT)),
    actionEvent(run.form.name),
    ...additional,
  ], t.initialSlots);
}

/** The form has finished when the last requested_slot event clears it or the last active_loop event ends it. */
export function formIsDone(eventsSoFar: readonly Event[]): boolean {
  let requestedCleared = false;
  let loopEnded = false;
  let seenRequested = false;
  let seenLoop = false;
  for (let i = eventsSoFar.length - 1; i >= 0; i--) {
    const e = eventsSoFar[i] as Event;
    if (!seenRequested && e.event === 'slot' && e.name === REQUESTED_SLOT) { seenRequested = true; requestedCleared = e.value === null; }
    if (!seenLoop && e.event === 'active_loop') { seenLoop = true; loopEnded = e.name === null; }
  }
  return requestedCleared || loopEnded;
}
