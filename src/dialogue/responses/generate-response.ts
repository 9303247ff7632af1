// Domain response name → the `bot` event to send: select a variation, interpolate, wrap.
import type { BotEvent, Domain, ResponseVariation } from '../../core/index.js';
import { INTERPOLATED_KEYS, interpolate } from './interpolate.js';
import type { ResponseContext } from './select-response.js';
import { selectResponse } from './select-response.js';
import { createBotUtterance } from './bot-utterance.js';

export interface GenerateOptions extends ResponseContext {
  /** extra interpolation values (e.g. from an action server's `responses` entry); override slots */
  vars?: Readonly<Record<string, unknown>>;
  random?: () => number;
}

/** Interpolates the keys Rasa interpolates in a copy of the variation. */
export function fillVariation(variation: ResponseVariation, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const filled: Record<string, unknown> = structuredClone(variation);
  for (const key of INTERPOLATED_KEYS) if (key in filled) filled[key] = interpolate(filled[key], values);
  return filled;
}

/** The rendered variation as a plain message dict (before it becomes a bot event). */
export function renderResponse(domain: Domain, name: string, opts: GenerateOptions): Record<string, unknown> | undefined {
  const variation = selectResponse(domain, name, opts, opts.random);
  if (!variation) return undefined;
  return fillVariation(variation, { ...opts.slots, ...(opts.vars ?? {}) });
}

/** The bot event for response `name`, metadata {utter_action, ...the variation's extra keys}; undefined if none fits. */
export function generateResponse(domain: Domain, name: string, opts: GenerateOptions): BotEvent | undefined {
  const message = renderResponse(domain, name, opts);
  if (!message) return undefined;
  return createBotUtterance({ ...message, utter_action: name });
}
