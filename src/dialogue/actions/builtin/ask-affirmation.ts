// action_default_ask_affirmation: "Did you mean '<intent>'?" with Yes/No buttons.
import type { Event } from '../../../core/index.js';
import { createBotUtterance } from '../../responses/bot-utterance.js';
import type { Action, ActionContext } from '../action.js';

const NAME = 'action_default_ask_affirmation';

export const actionDefaultAskAffirmation = (): Action => ({
  name: NAME,
  async run(ctx: ActionContext): Promise<Event[]> {
    const latest = ctx.tracker.state.latestMessage;
    if (!latest) return [];
    let intent = latest.parse_data.intent?.name ?? null;
    const ranking = latest.parse_data.intent_ranking ?? [];
    // nlu_fallback is not something to affirm: offer the runner-up instead
    if (intent === 'nlu_fallback' && ranking.length > 1) intent = ranking[1]?.name ?? intent;
    return [createBotUtterance({
      text: `Did you mean '${intent ?? ''}'?`,
      buttons: [{ title: 'Yes', payload: `/${intent ?? ''}` }, { title: 'No', payload: '/out_of_scope' }],
      utter_action: NAME,
    })];
  },
});
