// `utter_<retrieval intent>`: sends the response the ResponseSelector picked, e.g. utter_chitchat/ask_name.
import type { Event } from '../../core/index.js';
import type { Action, ActionContext } from './action.js';
import type { DialogueLogger } from './logger.js';
import { silentLogger } from './logger.js';
import { utter } from './utter-action.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The full response name (utter_<intent>/<key>) chosen for `intent` in parse_data.response_selector. */
function selectedUtterAction(selector: Record<string, unknown>, intent: string): string | undefined {
  const entry = selector[intent] ?? selector['default'];
  if (!isObject(entry) || !isObject(entry['response'])) return undefined;
  const utterAction = entry['response']['utter_action'];
  if (typeof utterAction === 'string') return utterAction;
  const key = entry['response']['intent_response_key'];
  return typeof key === 'string' ? `utter_${key}` : undefined;
}

export class RetrievalAction implements Action {
  constructor(readonly name: string, private readonly opts: { random?: () => number; logger?: DialogueLogger } = {}) {}

  async run(ctx: ActionContext): Promise<Event[]> {
    const logger = this.opts.logger ?? silentLogger;
    const selector = ctx.tracker.state.latestMessage?.parse_data.response_selector;
    const intent = this.name.slice('utter_'.length);
    const utterAction = isObject(selector) ? selectedUtterAction(selector, intent) : undefined;
    if (!utterAction) {
      logger.error({ action: this.name }, 'action.retrieval.no_selection');
      return [];
    }
    return utter(ctx, utterAction, { ...this.opts, logger });
  }
}
