// Validating slot candidates of a form: through validate_<form> when the bot declares one.
import type { Event, SlotEvent } from '../../core/index.js';
import { REQUESTED_SLOT, slotEvent } from '../../core/index.js';
import { actionRejected } from '../actions/action-errors.js';
import type { FormRun } from './form-context.js';
import { formTemporaryTracker } from './form-context.js';

/** Slots set since the latest user message that this form cares about: its required slots and the requested one. */
export function slotCandidates(run: FormRun): Map<string, unknown> {
  const events = run.ctx.tracker.events;
  const requested = run.ctx.tracker.slot(REQUESTED_SLOT);
  const out = new Map<string, unknown>();
  let start = 0;
  for (let i = events.length - 1; i >= 0; i--) if (events[i]?.event === 'user') { start = i + 1; break; }
  for (const e of events.slice(start)) {
    if (e.event !== 'slot' || e.name === REQUESTED_SLOT) continue;
    if (run.form.requiredSlots.includes(e.name) || e.name === requested) out.set(e.name, e.value);
  }
  return out;
}

/** Candidates through validate_<form>; a slot it does not mention is taken as valid (rasa-sdk semantics). */
export async function validateSlots(run: FormRun, candidates: Map<string, unknown>): Promise<Event[]> {
  const candidateEvents = [...candidates].map(([name, value]) => slotEvent(name, value));
  const validateName = `validate_${run.form.name}`;
  if (!run.ctx.domain.actions.includes(validateName) && !run.deps.actions.has(validateName)) return candidateEvents;
  const tracker = formTemporaryTracker(run, candidateEvents);
  const events = await run.deps.actions.get(validateName).run({ ...run.ctx, tracker });
  const validated = new Set(events.filter((e): e is SlotEvent => e.event === 'slot').map((e) => e.name));
  return [...events, ...candidateEvents.filter((e) => !validated.has(e.name))];
}

/**
 * Validation after a user turn. A form that asked for a slot and got nothing for any of its
 * slots rejects, so other policies can handle the unhappy path. A correction of another,
 * already filled slot counts as something: the form then simply asks again.
 */
export async function validateTurn(run: FormRun): Promise<Event[]> {
  const events = await validateSlots(run, slotCandidates(run));
  const requested = run.ctx.tracker.slot(REQUESTED_SLOT);
  const someValidated = events.some((e) => e.event === 'slot' && e.name !== REQUESTED_SLOT);
  const rejectedManually = events.some((e) => e.event === 'action_execution_rejected');
  if (requested !== null && !someValidated && !rejectedManually) {
    throw actionRejected(run.form.name, `Failed to extract slot ${String(requested)} with action ${run.form.name}`);
  }
  return events;
}
