// FallbackClassifier: replaces a low-confidence or ambiguous intent by `nlu_fallback`, with the
// threshold as its confidence (what Rasa's code does; its docs say 1.0), inserted at intent_ranking[0].
import { z } from 'zod';
import type { ParseData } from '../../core/index.js';
import type { Message, NluComponent } from '../component.js';
import { defineComponent } from '../pipeline/component-spec.js';

export const NLU_FALLBACK = 'nlu_fallback';

const options = z.object({
  threshold: z.number().min(0).max(1).default(0.3),
  ambiguity_threshold: z.number().min(0).max(1).default(0.1),
}).strict();

const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);

/** Why the prediction should fall back, or undefined when it stands. */
export function fallbackReason(parse: ParseData, opts: { threshold: number; ambiguityThreshold: number }): string | undefined {
  const intent = parse.intent;
  if (!intent) return 'no intent was predicted';
  if (intent.confidence < opts.threshold) return `confidence ${fmt(intent.confidence)} of "${intent.name}" is below the threshold ${opts.threshold}`;
  const [first, second] = parse.intent_ranking ?? [];
  if (first && second && first.confidence - second.confidence < opts.ambiguityThreshold) {
    return `ambiguous: "${first.name}" ${fmt(first.confidence)} vs "${second.name}" ${fmt(second.confidence)} (ambiguity_threshold ${opts.ambiguityThreshold})`;
  }
  return undefined;
}

export class FallbackClassifier implements NluComponent {
  readonly name = 'FallbackClassifier';
  constructor(private readonly opts: { threshold: number; ambiguityThreshold: number }) {}

  process(msg: Message): void {
    const reason = fallbackReason(msg.parse, this.opts);
    if (reason === undefined) return;
    const fallback = { name: NLU_FALLBACK, confidence: this.opts.threshold };
    msg.parse.intent = fallback;
    msg.parse.intent_ranking = [{ ...fallback }, ...(msg.parse.intent_ranking ?? [])];
    msg.parse.parley = { decided_by: 'fallback', reason };
  }
}

export const fallbackClassifierSpec = defineComponent({
  stage: 'processor',
  options,
  create: (o) => new FallbackClassifier({ threshold: o.threshold, ambiguityThreshold: o.ambiguity_threshold }),
});
