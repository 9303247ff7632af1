// What parse_data.parley records about the intent check, so every decision can be audited.
import type { IntentAudit, IntentPrediction, LlmCallRecord, ParseData } from '../core/index.js';

export type { IntentAudit, LlmCallRecord };

const priorOf = (parse: ParseData): { decided_by?: string; reason?: string } => parse.parley ?? {};

/** The classifier's result stands; `reason` says why the LLM did not change it. */
export function keepClassifier(parse: ParseData, reason: string, llm: LlmCallRecord): ParseData {
  const prior = priorOf(parse);
  const audit: IntentAudit = { decided_by: prior.decided_by ?? 'classifier', reason, llm };
  if (prior.reason) audit.classifier_reason = prior.reason;
  return { ...parse, parley: audit };
}

/** The LLM's intent becomes the intent, first in intent_ranking. */
export function acceptLlm(parse: ParseData, chosen: IntentPrediction, reason: string, llm: LlmCallRecord): ParseData {
  const prior = priorOf(parse);
  const rest = (parse.intent_ranking ?? []).filter((r) => r.name !== chosen.name);
  const audit: IntentAudit = { decided_by: 'llm_check', reason, llm };
  if (prior.reason) audit.classifier_reason = prior.reason;
  return { ...parse, intent: chosen, intent_ranking: [{ ...chosen }, ...rest], parley: audit };
}
