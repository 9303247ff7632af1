// Builds the LLM helpers from the validated `llm:` config: one guarded client shared by the intent
// check and the rephraser, so both count toward the same breaker.
import type { ChatModel } from './chat-model.js';
import type { ChatModelStats } from './guarded-chat-model.js';
import { GuardedChatModel } from './guarded-chat-model.js';
import type { IntentCheckStats } from './intent-check.js';
import { LlmIntentCheck } from './intent-check.js';
import type { LlmCache } from './llm-cache.js';
import { MemoryLlmCache } from './llm-cache.js';
import type { LlmConfig } from './llm-config.js';
import type { LlmLogger } from './llm-logger.js';
import { OpenAiChatModel } from './openai-chat-model.js';
import type { RephraseStats } from './rephraser.js';
import { Rephraser } from './rephraser.js';

export interface LlmStats {
  model: ChatModelStats;
  intent_check: IntentCheckStats;
  rephrase: RephraseStats;
}

export interface LlmServices {
  model: GuardedChatModel;
  /** undefined when intentCheck.enabled is false */
  intentCheck: LlmIntentCheck | undefined;
  /** undefined when neither rephrasing nor generation is enabled */
  rephraser: Rephraser | undefined;
  stats(): LlmStats;
}

export interface CreateLlmOptions {
  /** the NLU cache; an in-memory cache otherwise */
  cache?: LlmCache;
  logger?: LlmLogger;
  /** replaces the OpenAI client (tests, other providers); still guarded */
  chatModel?: ChatModel;
}

const ZERO_CHECK: IntentCheckStats = { checks: 0, agreements: 0, overrides: 0, rejected: 0, invalid: 0, timeouts: 0, breaker_open: 0, errors: 0, cache_hits: 0 };
const ZERO_REPHRASE: RephraseStats = { attempts: 0, rephrased: 0, generated: 0, guarded: 0, timeouts: 0, breaker_open: 0, errors: 0 };

/** The LLM helpers, or undefined when `llm.enabled` is false. */
export function createLlm(config: Readonly<LlmConfig>, opts: CreateLlmOptions = {}): LlmServices | undefined {
  if (!config.enabled) return undefined;
  const client = opts.chatModel ?? new OpenAiChatModel({
    baseUrl: config.baseUrl, apiKey: config.apiKey, model: config.model, headers: config.headers, jsonMode: config.jsonMode,
  });
  const model = new GuardedChatModel(client, { timeoutMs: config.timeoutMs, ...config.breaker });
  const logger = opts.logger ? { logger: opts.logger } : {};
  const intentCheck = config.intentCheck.enabled
    ? new LlmIntentCheck({ model, config: config.intentCheck, timeoutMs: config.timeoutMs, cache: opts.cache ?? new MemoryLlmCache(), ...logger })
    : undefined;
  const rephraser = config.rephrase.enabled || config.generative.enabled
    ? new Rephraser({ model, config: config.rephrase, generative: config.generative, timeoutMs: config.timeoutMs, ...logger })
    : undefined;
  return {
    model, intentCheck, rephraser,
    stats: () => ({ model: model.stats(), intent_check: intentCheck?.stats() ?? ZERO_CHECK, rephrase: rephraser?.stats() ?? ZERO_REPHRASE }),
  };
}
