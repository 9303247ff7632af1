// action_session_start: a new session, carrying slots over when the domain says so.
import type { Event } from '../../../core/index.js';
import { ACTION_LISTEN, ACTION_SESSION_START, SESSION_STARTED_METADATA_SLOT, actionEvent, sessionStartedEvent, slotEvent } from '../../../core/index.js';
import type { Action, ActionContext } from '../action.js';

export const actionSessionStart = (): Action => ({
  name: ACTION_SESSION_START,
  async run(ctx: ActionContext): Promise<Event[]> {
    const events: Event[] = [sessionStartedEvent()];
    const applied = ctx.tracker.applied();
    if (ctx.domain.sessionConfig.carryOverSlots) {
      for (const e of applied) if (e.event === 'slot') events.push(slotEvent(e.name, e.value));
    } else {
      // the metadata of the message that opened this session belongs to the new session
      const metadata = ctx.tracker.slot(SESSION_STARTED_METADATA_SLOT);
      if (metadata !== null) events.push(slotEvent(SESSION_STARTED_METADATA_SLOT, metadata));
    }
    events.push(actionEvent(ACTION_LISTEN));
    return events;
  },
});
