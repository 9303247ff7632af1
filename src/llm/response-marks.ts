// Which bot events are to be reworded, and which slot an utterance asks for.
import type { BotEvent, Domain } from '../core/index.js';

const isMarked = (metadata: unknown): boolean =>
  typeof metadata === 'object' && metadata !== null && (metadata as Record<string, unknown>)['rephrase'] === true;

/**
 * Rasa Pro's convention: `metadata: {rephrase: true}` on a response variation. The chosen
 * variation's keys end up in the bot event's metadata (so `metadata.metadata.rephrase`); a bot
 * event without them (e.g. sent by an action server) falls back to the domain's response.
 */
export function markedForRephrasing(bot: BotEvent, domain: Domain): boolean {
  if ('metadata' in bot.metadata || 'rephrase' in bot.metadata) return isMarked(bot.metadata['metadata']) || isMarked(bot.metadata);
  const action = bot.metadata['utter_action'];
  const variations = typeof action === 'string' ? domain.responses[action] : undefined;
  return (variations ?? []).some((v) => isMarked(v.metadata));
}

export const utterActionOf = (bot: BotEvent): string | null => {
  const a = bot.metadata['utter_action'];
  return typeof a === 'string' ? a : null;
};

/** The slot asked by `utter_ask_<slot>` or `utter_ask_<form>_<slot>`, preferring the requested slot. */
export function askedSlotOf(action: string | null, domain: Domain, requestedSlot: string | null): string | null {
  if (!action?.startsWith('utter_ask_')) return null;
  const rest = action.slice('utter_ask_'.length);
  if (requestedSlot && (rest === requestedSlot || Object.keys(domain.forms).some((f) => rest === `${f}_${requestedSlot}`))) return requestedSlot;
  if (domain.slots.some((s) => s.name === rest)) return rest;
  for (const form of Object.keys(domain.forms)) {
    const slot = rest.startsWith(`${form}_`) ? rest.slice(form.length + 1) : undefined;
    if (slot && domain.slots.some((s) => s.name === slot)) return slot;
  }
  return null;
}
