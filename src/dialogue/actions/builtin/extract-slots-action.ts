// action_extract_slots as an action (the processor calls extractSlots directly after each message).
import type { Event } from '../../../core/index.js';
import { ACTION_EXTRACT_SLOTS } from '../../../core/index.js';
import { extractSlots } from '../../slots/extract-slots.js';
import type { Action, ActionContext } from '../action.js';
import type { BuiltinDeps } from './builtin-deps.js';

export const actionExtractSlots = (deps: BuiltinDeps): Action => ({
  name: ACTION_EXTRACT_SLOTS,
  run(ctx: ActionContext): Promise<Event[]> {
    return extractSlots(ctx.tracker, ctx.domain, { actions: deps.actions, channel: ctx.channel, ...(deps.logger ? { logger: deps.logger } : {}) });
  },
});
