// Asking for the next empty required slot.
import type { Event } from '../../core/index.js';
import { REQUESTED_SLOT, slotEvent } from '../../core/index.js';
import type { FormRun } from './form-context.js';
import { formIsDone, formTemporaryTracker } from './form-context.js';

/** The ask action in Rasa's search order; utter_ask_<slot> when none exists. */
export function askActionName(run: FormRun, slot: string): string {
  const form = run.form.name;
  const path = [`action_ask_${form}_${slot}`, `utter_ask_${form}_${slot}`, `action_ask_${slot}`, `utter_ask_${slot}`];
  return path.find((name) => run.deps.actions.has(name)) ?? `utter_ask_${slot}`;
}

function firstRequestedIn(events: readonly Event[]): string | null {
  for (const e of events) if (e.event === 'slot' && e.name === REQUESTED_SLOT) return typeof e.value === 'string' ? e.value : null;
  return null;
}

/** `slot(requested_slot, X)` + the ask action's events; `slot(requested_slot, null)` when nothing is missing. */
export async function requestNextSlot(run: FormRun, eventsSoFar: Event[]): Promise<Event[]> {
  if (formIsDone(eventsSoFar)) return [slotEvent(REQUESTED_SLOT, null)];
  const out: Event[] = [];
  const temp = formTemporaryTracker(run, eventsSoFar);
  // a validate_<form> action may pick the slot itself (dynamic forms)
  let slot = firstRequestedIn(eventsSoFar);
  if (!slot) {
    slot = run.form.requiredSlots.find((s) => temp.slot(s) === null) ?? null;
    out.push(slotEvent(REQUESTED_SLOT, slot));
  }
  if (!slot) return out;
  const name = askActionName(run, slot);
  const askTracker = temp.copy().append(...out);
  out.push(...(await run.deps.actions.get(name).run({ ...run.ctx, tracker: askTracker })));
  return out;
}
