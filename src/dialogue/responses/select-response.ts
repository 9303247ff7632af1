// Picks the variation of a domain response to send (Rasa's ResponseVariationFilter).
import type { Domain, ResponseCondition, ResponseVariation } from '../../core/index.js';

export interface ResponseContext {
  slots: Readonly<Record<string, unknown>>;
  channel: string | null;
}

/** Python's str.casefold, close enough for the scripts bots use (ß → ss included). */
const casefold = (s: string): string => s.toUpperCase().toLowerCase();

function valuesEqual(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return casefold(actual) === casefold(expected);
  if (actual === expected) return true;
  if (typeof actual === 'object' && typeof expected === 'object' && actual !== null && expected !== null) {
    return JSON.stringify(actual) === JSON.stringify(expected);
  }
  return false;
}

function conditionHolds(c: ResponseCondition, slots: Readonly<Record<string, unknown>>): boolean {
  return c.type === 'slot' && valuesEqual(slots[c.name] ?? null, c.value);
}

const hasCondition = (v: ResponseVariation): boolean => Array.isArray(v.condition) && v.condition.length > 0;

/**
 * The variations allowed in this context, best group first: conditional with the channel,
 * default with the channel, conditional without a channel, default without a channel.
 */
export function candidateVariations(variations: readonly ResponseVariation[], ctx: ResponseContext): ResponseVariation[] {
  const conditional = variations.filter((v) => hasCondition(v) && (v.condition ?? []).every((c) => conditionHolds(c, ctx.slots)));
  const defaults = variations.filter((v) => !hasCondition(v));
  const onChannel = (v: ResponseVariation): boolean => ctx.channel !== null && v.channel === ctx.channel;
  const noChannel = (v: ResponseVariation): boolean => !v.channel;
  const groups = [conditional.filter(onChannel), defaults.filter(onChannel), conditional.filter(noChannel), defaults.filter(noChannel)];
  return groups.find((g) => g.length > 0) ?? [];
}

/** One variation of response `name`, chosen at random among the best candidates; undefined if none fits. */
export function selectResponse(
  domain: Domain, name: string, ctx: ResponseContext, random: () => number = Math.random,
): ResponseVariation | undefined {
  const variations = domain.responses[name];
  if (!variations || variations.length === 0) return undefined;
  const candidates = candidateVariations(variations, ctx);
  if (candidates.length === 0) return undefined;
  const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
  return candidates[index];
}
