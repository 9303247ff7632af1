// Turning scored labels into Rasa's intent / intent_ranking.
import type { IntentPrediction } from '../../core/index.js';
import type { Scored } from './softmax/softmax-model.js';

/** Top `length` labels (0 = all); with `renormalize` the kept confidences are scaled to sum to 1. */
export function toRanking(scored: readonly Scored[], opts: { length: number; renormalize: boolean }): IntentPrediction[] {
  const kept = opts.length > 0 ? scored.slice(0, opts.length) : [...scored];
  const total = opts.renormalize ? kept.reduce((s, x) => s + x.confidence, 0) : 1;
  return kept.map((s) => ({ name: s.label, confidence: total > 0 ? s.confidence / total : 0 }));
}

/** Retrieval intents are classified by their base name; the response selector picks the sub-intent. */
export const baseIntent = (intent: string): string => {
  const slash = intent.indexOf('/');
  return slash > 0 ? intent.slice(0, slash) : intent;
};
