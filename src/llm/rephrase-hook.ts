// The processor's `rephrase` hook built from a Rephraser: dialogue knows only the function type.
import type { BotEvent, Domain, Tracker } from '../core/index.js';
import { REQUESTED_SLOT } from '../core/index.js';
import type { Rephraser } from './rephraser.js';

export interface RephraseHookOptions {
  domain: Domain;
  sensitiveSlots: readonly string[];
  sensitiveEntities?: readonly string[];
}

export function rephraseHook(rephraser: Rephraser, opts: RephraseHookOptions): (bot: BotEvent, tracker: Tracker) => Promise<BotEvent> {
  return (bot, tracker) => {
    const requested = tracker.slot(REQUESTED_SLOT);
    return rephraser.rephrase(bot, {
      tracker, domain: opts.domain, requestedSlot: typeof requested === 'string' ? requested : null,
      sensitiveSlots: opts.sensitiveSlots, ...(opts.sensitiveEntities ? { sensitiveEntities: opts.sensitiveEntities } : {}),
    });
  };
}
