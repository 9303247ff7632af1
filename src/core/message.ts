// The NLU result of one user message, in Rasa's wire shape (snake_case keys are the
// protocol: they are stored, sent to action servers and returned by the HTTP API as they are).

export interface IntentPrediction {
  name: string;
  confidence: number;
  /** set when a retrieval intent won, e.g. `chitchat/ask_name` */
  full_retrieval_intent_name?: string;
}

export interface Entity {
  entity: string;
  value: unknown;
  start?: number;
  end?: number;
  confidence?: number;
  confidence_entity?: number;
  extractor?: string;
  role?: string;
  confidence_role?: number;
  group?: string;
  confidence_group?: number;
  processors?: string[];
  additional_info?: unknown;
  /** surface text the entity was extracted from, before synonym mapping */
  text?: string;
}

export interface ResponseSelectorResult {
  response: {
    responses: Record<string, unknown>[];
    confidence: number;
    intent_response_key: string;
    utter_action: string;
  };
  ranking: { id?: number; confidence: number; intent_response_key: string }[];
}

/** What the LLM intent check was asked and answered, when it was consulted. */
export interface LlmCallRecord {
  asked: boolean;
  answered: boolean;
  /** the LLM chose the classifier's intent; null when it gave no usable answer */
  agreed: boolean | null;
  latency_ms: number;
  cached?: boolean;
  /** what the LLM answered, also when it was rejected */
  intent?: string;
  confidence?: number;
  /** the LLM's own short reason */
  explanation?: string;
}

/** Which path decided a message's intent, and why: every decision can be audited. */
export interface IntentAudit {
  decided_by: string;
  reason?: string;
  /** the reason of the component that decided before the LLM check (e.g. the FallbackClassifier's) */
  classifier_reason?: string;
  llm?: LlmCallRecord;
}

export interface ParseData {
  text: string;
  intent: IntentPrediction | null;
  entities: Entity[];
  intent_ranking?: IntentPrediction[];
  message_id?: string | null;
  metadata?: Record<string, unknown>;
  response_selector?: Record<string, unknown>;
  /** Parley: which component decided the intent and why (auditable) */
  parley?: IntentAudit;
}

export function emptyParseData(text = ''): ParseData {
  return { text, intent: null, entities: [] };
}
