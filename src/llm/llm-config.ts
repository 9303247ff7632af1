// The `llm:` section of endpoints.yml, validated strictly; PARLEY_LLM_* environment variables win.
import { z } from 'zod';
import { ParleyError } from '../errors.js';

const ratio = z.number().min(0).max(1);

const intentCheckSchema = z.object({
  enabled: z.boolean().default(true),
  /** the check runs when the classifier's top confidence is below this */
  threshold: ratio.default(0.7),
  /** how many of the classifier's best intents get few-shot examples */
  candidates: z.number().int().min(1).max(20).default(5),
  examplesPerIntent: z.number().int().min(0).max(20).default(3),
  cacheTtlSeconds: z.number().int().min(0).default(60),
}).strict();

const rephraseSchema = z.object({
  enabled: z.boolean().default(false),
  /** rephrase every response, not only those marked `metadata: {rephrase: true}` */
  all: z.boolean().default(false),
  historyTurns: z.number().int().min(0).max(50).default(6),
  maxLengthRatio: z.number().positive().default(2.5),
  bannedPhrases: z.array(z.string().min(1)).default([]),
  /** words that count as still asking for a slot, per slot (besides question marks) */
  slotKeywords: z.record(z.string(), z.array(z.string().min(1))).default({}),
}).strict();

const generativeSchema = z.object({
  enabled: z.boolean().default(false),
  /** intents whose template reply may be replaced by a generated answer */
  intents: z.array(z.string().min(1)).default(['out_of_scope', 'chitchat']),
}).strict();

const llmSchema = z.object({
  enabled: z.boolean().default(false),
  baseUrl: z.url().optional(),
  apiKey: z.string().min(1).optional(),
  /** name of the environment variable holding the key (keeps keys out of endpoints.yml) */
  apiKeyEnv: z.string().min(1).optional(),
  model: z.string().min(1).default('gpt-4o-mini'),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(1).max(60_000).default(1500),
  breaker: z.object({
    consecutiveFailures: z.number().int().min(1).default(5),
    halfOpenAfterMs: z.number().int().min(1).default(30_000),
  }).strict().prefault({}),
  jsonMode: z.boolean().default(true),
  intentCheck: intentCheckSchema.prefault({}),
  rephrase: rephraseSchema.prefault({}),
  generative: generativeSchema.prefault({}),
}).strict();

type ParsedLlm = z.infer<typeof llmSchema>;

export type LlmConfig = Omit<ParsedLlm, 'apiKey' | 'apiKeyEnv' | 'baseUrl'> & { baseUrl: string; apiKey: string };
export type IntentCheckConfig = LlmConfig['intentCheck'];
export type RephraseConfig = LlmConfig['rephrase'];
export type GenerativeConfig = LlmConfig['generative'];

/** Local servers (Ollama, llama.cpp) take any key; the client insists on one. */
const NO_KEY = 'not-needed';

function resolveKey(cfg: ParsedLlm, env: NodeJS.ProcessEnv): string {
  if (env['PARLEY_LLM_API_KEY']) return env['PARLEY_LLM_API_KEY'];
  if (cfg.apiKeyEnv) {
    const v = env[cfg.apiKeyEnv];
    if (!v && cfg.enabled) throw new ParleyError('CONFIG_INVALID', `endpoints.yml llm.apiKeyEnv: environment variable ${cfg.apiKeyEnv} is not set`);
    return v || NO_KEY;
  }
  return cfg.apiKey ?? NO_KEY;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Validates the `llm:` value of endpoints.yml (undefined/null = LLM off) and applies the environment. */
export function parseLlmConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): Readonly<LlmConfig> {
  const result = llmSchema.safeParse(raw ?? {});
  if (!result.success) {
    const first = result.error.issues[0];
    const path = ['llm', ...(first?.path ?? [])].join('.');
    throw new ParleyError('CONFIG_INVALID', `endpoints.yml ${path}: ${first?.message ?? 'invalid'}`, { cause: result.error });
  }
  const { apiKey: _k, apiKeyEnv: _e, baseUrl: fileUrl, ...cfg } = result.data;
  const baseUrl = env['PARLEY_LLM_BASE_URL'] || fileUrl;
  if (cfg.enabled && !baseUrl) {
    throw new ParleyError('CONFIG_INVALID', 'endpoints.yml llm.baseUrl: required when llm.enabled is true (or set PARLEY_LLM_BASE_URL)');
  }
  return deepFreeze({ ...cfg, baseUrl: baseUrl ?? '', apiKey: resolveKey(result.data, env) });
}
