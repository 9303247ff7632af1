// An `utter_*` action: sends one variation of a domain response.
import type { Event } from '../../core/index.js';
import { generateResponse } from '../responses/generate-response.js';
import type { Action, ActionContext } from './action.js';
import type { DialogueLogger } from './logger.js';
import { silentLogger } from './logger.js';

export interface UtterActionOptions {
  random?: () => number;
  logger?: DialogueLogger;
  /** default actions utter optional responses (utter_default...): no error when missing */
  silentFail?: boolean;
}

/** Renders response `responseName` for the context (slots + channel) into at most one bot event. */
export async function utter(ctx: ActionContext, responseName: string, opts: UtterActionOptions = {}): Promise<Event[]> {
  const event = generateResponse(ctx.domain, responseName, {
    slots: ctx.tracker.slots, channel: ctx.channel, ...(opts.random ? { random: opts.random } : {}),
  });
  if (!event) {
    if (!opts.silentFail) (opts.logger ?? silentLogger).error({ response: responseName }, 'action.utter.no_response');
    return [];
  }
  return [event];
}

export class UtterAction implements Action {
  constructor(readonly name: string, private readonly opts: UtterActionOptions = {}) {}

  run(ctx: ActionContext): Promise<Event[]> {
    return utter(ctx, this.name, this.opts);
  }
}
