// The LLM intent check: below the confidence threshold, a few-shot question to the LLM among the
// bot's own intents. Its answer is validated, limited to the domain's intents and cached; when
// the LLM is off, slow, failing or answers junk, the classifier's result stands.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ParseData } from '../core/index.js';
import type { ChatModel } from './chat-model.js';
import { spreadPick } from './few-shot-examples.js';
import type { LlmCallRecord } from './intent-audit.js';
import { acceptLlm, keepClassifier } from './intent-audit.js';
import type { IntentCheckConfig } from './llm-config.js';
import type { LlmCache } from './llm-cache.js';
import { failureKind } from './llm-failure.js';
import type { LlmLogger } from './llm-logger.js';
import { silentLlmLogger } from './llm-logger.js';
import { NLU_FALLBACK_INTENT, intentCheckPrompt } from './prompts/intent-check.js';
import { Redactor, entitySecrets } from './redactor.js';
import { completeStructured } from './structured-answer.js';

export interface IntentCheckContext {
  /** training examples per intent (see examplesByIntent) */
  examples: Readonly<Record<string, readonly string[]>>;
  /** every intent of the domain */
  intents: readonly string[];
  /** entity types whose values must never be sent */
  sensitiveEntities: readonly string[];
}

export interface LlmIntentCheckOptions {
  model: ChatModel;
  config: IntentCheckConfig;
  /** the overall budget of one check, repair included (the LLM timeout, 1500 ms by default) */
  timeoutMs: number;
  cache?: LlmCache;
  logger?: LlmLogger;
}

export interface IntentCheckStats {
  checks: number; agreements: number; overrides: number; rejected: number; invalid: number;
  timeouts: number; breaker_open: number; errors: number; cache_hits: number;
}

const answerSchema = z.object({
  intent: z.string().min(1),
  confidence: z.number().min(0).max(1),
  reason: z.string().default(''),
});
type Answer = z.infer<typeof answerSchema>;

type Outcome = { answer: Answer; cached: boolean } | { failure: string; answered: boolean };

const FAILURE_REASONS = { timeout: 'llm_timeout', breaker_open: 'llm_breaker_open', aborted: 'llm_aborted', error: 'llm_error' } as const;
const normalise = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The classifier's best intents of the domain, best first (nlu_fallback is not a candidate). */
function candidatesOf(parse: ParseData, intents: readonly string[], k: number): string[] {
  const known = new Set(intents);
  const ranked = (parse.intent_ranking ?? (parse.intent ? [parse.intent] : [])).map((r) => r.name);
  return [...new Set(ranked)].filter((n) => n !== NLU_FALLBACK_INTENT && known.has(n)).slice(0, k);
}

export class LlmIntentCheck {
  private readonly counts: IntentCheckStats = { checks: 0, agreements: 0, overrides: 0, rejected: 0, invalid: 0, timeouts: 0, breaker_open: 0, errors: 0, cache_hits: 0 };
  private readonly logger: LlmLogger;

  constructor(private readonly opts: LlmIntentCheckOptions) {
    this.logger = opts.logger ?? silentLlmLogger;
  }

  /** The parse result, decided by the LLM when the classifier was unsure and the LLM's answer holds. */
  async check(parse: ParseData, ctx: IntentCheckContext): Promise<ParseData> {
    const confidence = parse.intent?.confidence ?? 0;
    if (confidence >= this.opts.config.threshold) return parse;
    if (!this.opts.config.enabled) return keepClassifier(parse, 'llm_off', { asked: false, answered: false, agreed: null, latency_ms: 0 });
    this.counts.checks++;
    const started = performance.now();
    const masked = new Redactor(entitySecrets(parse.text, parse.entities, new Set(ctx.sensitiveEntities))).mask(parse.text);
    const candidates = candidatesOf(parse, ctx.intents, this.opts.config.candidates);
    const outcome = await this.consult(masked, candidates, ctx);
    const latency = Math.round(performance.now() - started);
    const result = this.decide(parse, outcome, ctx, latency);
    this.logger.info({ decided_by: result.parley?.decided_by, reason: result.parley?.reason, latency_ms: latency }, 'llm.intent_check.decided');
    return result;
  }

  stats(): IntentCheckStats { return { ...this.counts }; }

  private decide(parse: ParseData, outcome: Outcome, ctx: IntentCheckContext, latency: number): ParseData {
    if ('failure' in outcome) return keepClassifier(parse, outcome.failure, { asked: true, answered: outcome.answered, agreed: null, latency_ms: latency });
    const { answer, cached } = outcome;
    const record: LlmCallRecord = {
      asked: true, answered: true, agreed: answer.intent === parse.intent?.name, latency_ms: latency,
      intent: answer.intent, confidence: answer.confidence, ...(cached ? { cached } : {}), ...(answer.reason ? { explanation: answer.reason } : {}),
    };
    if (answer.intent !== NLU_FALLBACK_INTENT && !ctx.intents.includes(answer.intent)) {
      this.counts.rejected++;
      return keepClassifier(parse, 'llm_unknown_intent', { ...record, agreed: null });
    }
    if (record.agreed) this.counts.agreements++;
    else this.counts.overrides++;
    return acceptLlm(parse, { name: answer.intent, confidence: answer.confidence }, record.agreed ? 'llm_agreed' : 'llm_override', record);
  }

  /** The cached or fresh answer, or why there is none. */
  private async consult(text: string, candidates: string[], ctx: IntentCheckContext): Promise<Outcome> {
    const key = `llm:intent:${createHash('sha256').update(`${normalise(text)}\u0000${[...candidates].sort().join(',')}`).digest('hex')}`;
    const hit = await this.cacheGet(key);
    if (hit) {
      this.counts.cache_hits++;
      return { answer: hit, cached: true };
    }
    const outcome = await this.ask(text, candidates, ctx);
    if ('answer' in outcome && this.opts.cache) {
      await this.opts.cache.set(key, JSON.stringify(outcome.answer), this.opts.config.cacheTtlSeconds).catch(() => undefined);
    }
    return outcome;
  }

  private async cacheGet(key: string): Promise<Answer | undefined> {
    // a cache outage only costs the cache
    const raw = await this.opts.cache?.get(key).catch(() => undefined);
    if (!raw) return undefined;
    try {
      const parsed = answerSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private async ask(text: string, candidates: string[], ctx: IntentCheckContext): Promise<Outcome> {
    const per = this.opts.config.examplesPerIntent;
    const examples = Object.fromEntries(candidates.map((c) => [c, spreadPick(ctx.examples[c] ?? [], per)]));
    const messages = intentCheckPrompt({ text, candidates, intents: ctx.intents, examples });
    try {
      const answer = await completeStructured(this.opts.model, { messages, temperature: 0, maxTokens: 120 }, answerSchema, {
        signal: new AbortController().signal, deadline: Date.now() + this.opts.timeoutMs,
      });
      if (answer.ok) return { answer: answer.value, cached: false };
      this.counts.invalid++;
      this.logger.warn({ error: answer.error, attempts: answer.attempts }, 'llm.intent_check.invalid_answer');
      return { failure: 'llm_invalid_answer', answered: true };
    } catch (err) {
      const kind = failureKind(err);
      if (kind === 'timeout') this.counts.timeouts++;
      else if (kind === 'breaker_open') this.counts.breaker_open++;
      else this.counts.errors++;
      return { failure: FAILURE_REASONS[kind], answered: false };
    }
  }
}

/** NLU parse wrapped with the check: what the agent passes to the processor as `parse`. */
export function withLlmIntentCheck<O>(
  parse: (text: string, opts: O) => Promise<ParseData>, check: LlmIntentCheck, ctx: IntentCheckContext,
): (text: string, opts: O) => Promise<ParseData> {
  return async (text, opts) => check.check(await parse(text, opts), ctx);
}
