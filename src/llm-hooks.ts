// Wires the LLM helpers into an Agent: the NLU parse wrapped with the intent check, and the
// rephrase hook; both report to the metrics.
import type { BotEvent, Domain, NluExample, ParseData, Tracker } from './core/index.js';
import type { LlmServices } from './llm/create-llm.js';
import { examplesByIntent } from './llm/few-shot-examples.js';
import { withLlmIntentCheck } from './llm/intent-check.js';
import { rephraseHook } from './llm/rephrase-hook.js';
import type { LlmCheckOutcome, ParleyMetrics } from './observability/metrics.js';

type Parse = (text: string, opts: { messageId?: string; metadata?: Record<string, unknown> }) => Promise<ParseData>;

export interface LlmHookOptions {
  llm: LlmServices;
  domain: Domain;
  /** training examples for the few-shot prompt (from the model archive) */
  examples: readonly NluExample[];
  sensitiveSlots: readonly string[];
  sensitiveEntities: readonly string[];
  metrics?: ParleyMetrics;
}

const OUTCOME_BY_REASON: Record<string, LlmCheckOutcome> = {
  llm_agreed: 'agreed', llm_override: 'overridden', llm_timeout: 'timeout',
};

function report(metrics: ParleyMetrics | undefined, llm: LlmServices, parse: ParseData): void {
  if (!metrics) return;
  const state = llm.model.breakerState;
  metrics.setLlmBreakerState(state === 'open' || state === 'isolated' ? 'open' : state === 'half_open' ? 'half-open' : 'closed');
  const audit = parse.parley;
  if (!audit?.llm?.asked || audit.llm.cached) return;
  metrics.llmIntentCheck(OUTCOME_BY_REASON[audit.reason ?? ''] ?? 'failed');
}

export function llmHooks(base: Parse, opts: LlmHookOptions): { parse: Parse; rephrase?: (bot: BotEvent, tracker: Tracker) => Promise<BotEvent> } {
  const { llm, domain } = opts;
  let parse = base;
  if (llm.intentCheck) {
    const checked = withLlmIntentCheck(base, llm.intentCheck, {
      examples: examplesByIntent(opts.examples, { sensitiveEntities: opts.sensitiveEntities }),
      intents: domain.intents.map((i) => i.name),
      sensitiveEntities: opts.sensitiveEntities,
    });
    parse = async (text, o) => {
      const result = await checked(text, o);
      report(opts.metrics, llm, result);
      return result;
    };
  }
  if (!llm.rephraser) return { parse };
  const rephrase = rephraseHook(llm.rephraser, { domain, sensitiveSlots: opts.sensitiveSlots, sensitiveEntities: opts.sensitiveEntities });
  return { parse, rephrase };
}
