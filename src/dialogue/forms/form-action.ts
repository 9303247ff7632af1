// The built-in form loop (rasa-compat §4 "Forms"): activate, validate what the user said, ask
// for the next empty required slot, finish when none is left.
import type { Event, FormDefinition } from '../../core/index.js';
import { ACTION_LISTEN, activeLoopEvent } from '../../core/index.js';
import type { Action, ActionContext } from '../actions/action.js';
import { extractSlots } from '../slots/extract-slots.js';
import { requestNextSlot } from './ask-for-slot.js';
import type { FormDeps, FormRun } from './form-context.js';
import { formIsDone } from './form-context.js';
import { validateSlots, validateTurn } from './form-validation.js';

export class FormAction implements Action {
  readonly name: string;

  constructor(private readonly form: FormDefinition, private readonly deps: FormDeps) {
    this.name = form.name;
  }

  async run(ctx: ActionContext): Promise<Event[]> {
    const run: FormRun = { form: this.form, ctx, deps: this.deps };
    const activating = ctx.tracker.activeLoopName !== this.name;
    const events: Event[] = [];
    if (activating) {
      events.push(activeLoopEvent(this.name));
      events.push(...(await this.activate(run, events)));
    }
    if (!formIsDone(events)) events.push(...(await this.step(run, events, activating)));
    if (formIsDone(events)) events.push(activeLoopEvent(null));
    return events;
  }

  /** Slot extraction as if the form were active (trigger-intent mappings apply), then validation of pre-filled slots. */
  private async activate(run: FormRun, eventsSoFar: Event[]): Promise<Event[]> {
    const { ctx } = run;
    const temp = ctx.tracker.copy().append(...eventsSoFar);
    const extracted = await extractSlots(temp, ctx.domain, { actions: this.deps.actions, channel: ctx.channel, ...(this.deps.logger ? { logger: this.deps.logger } : {}) });
    temp.append(...extracted);
    const prefilled = new Map<string, unknown>();
    for (const slot of this.form.requiredSlots) if (temp.slot(slot) !== null) prefilled.set(slot, temp.slot(slot));
    if (prefilled.size === 0) return extracted;
    return [...extracted, ...(await validateSlots({ ...run, ctx: { ...ctx, tracker: temp } }, prefilled))];
  }

  /** After a user turn (and unless an unhappy path interrupted the form) validate, then ask. */
  private async step(run: FormRun, eventsSoFar: Event[], activating: boolean): Promise<Event[]> {
    const { tracker } = run.ctx;
    const needsValidation = !activating && tracker.latestActionName === ACTION_LISTEN && !tracker.state.activeLoop?.is_interrupted;
    const validated = needsValidation ? await validateTurn(run) : [];
    const asked = await requestNextSlot(run, [...eventsSoFar, ...validated]);
    return [...validated, ...asked];
  }
}
