// Rewords templated replies with the LLM in the conversation's context; the guard keeps the
// template whenever the wording loses what the policy required. Every failure → the template.
import type { BotEvent, Domain, Tracker } from '../core/index.js';
import type { ChatModel } from './chat-model.js';
import type { GenerativeConfig, RephraseConfig } from './llm-config.js';
import { failureKind } from './llm-failure.js';
import type { LlmLogger } from './llm-logger.js';
import { silentLlmLogger } from './llm-logger.js';
import { conversationMemory } from './memory.js';
import { generatePrompt } from './prompts/generate.js';
import { rephrasePrompt } from './prompts/rephrase.js';
import { Redactor } from './redactor.js';
import type { GuardInput } from './rephrase-guard.js';
import { guardRephrasing, lengthBudget } from './rephrase-guard.js';
import { askedSlotOf, markedForRephrasing, utterActionOf } from './response-marks.js';

export interface RephraseContext {
  tracker: Tracker;
  domain: Domain;
  /** the form's requested_slot when the bot event was produced */
  requestedSlot: string | null;
  sensitiveSlots: readonly string[];
  /** entity types to mask besides the sensitive slots' names */
  sensitiveEntities?: readonly string[];
}

export interface RephraserOptions {
  model: ChatModel;
  config: RephraseConfig;
  generative?: GenerativeConfig;
  timeoutMs: number;
  logger?: LlmLogger;
}

export interface RephraseStats { attempts: number; rephrased: number; generated: number; guarded: number; timeouts: number; breaker_open: number; errors: number }

type Mode = 'rephrase' | 'generate';

/** No bot message since the latest user message (later ones, e.g. a form asking again, are templates). */
function firstReplyOfTurn(tracker: Tracker): boolean {
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i];
    if (e?.event === 'bot') return false;
    if (e?.event === 'user') return true;
  }
  return false;
}

const clean = (text: string): string => text.trim().replace(/^["“「『']+|["”」』']+$/g, '').trim();

export class Rephraser {
  private readonly counts: RephraseStats = { attempts: 0, rephrased: 0, generated: 0, guarded: 0, timeouts: 0, breaker_open: 0, errors: 0 };
  private readonly logger: LlmLogger;

  constructor(private readonly opts: RephraserOptions) {
    this.logger = opts.logger ?? silentLlmLogger;
  }

  /** The bot event to send: reworded, or the template with the reason it was kept. */
  async rephrase(bot: BotEvent, ctx: RephraseContext): Promise<BotEvent> {
    const mode = this.modeFor(bot, ctx);
    if (!mode || !bot.text) return bot;
    this.counts.attempts++;
    const askedSlot = askedSlotOf(utterActionOf(bot), ctx.domain, ctx.requestedSlot);
    const memory = conversationMemory(ctx.tracker, {
      historyTurns: this.opts.config.historyTurns, sensitiveSlots: ctx.sensitiveSlots, ...(ctx.sensitiveEntities ? { sensitiveEntities: ctx.sensitiveEntities } : {}),
    });
    const redactor = new Redactor(memory.secrets);
    const maxChars = lengthBudget(bot.text, this.opts.config.maxLengthRatio, mode);
    const input = { template: redactor.mask(bot.text), turns: memory.turns.map((t) => ({ ...t, text: redactor.mask(t.text) })), slots: memory.slots, askedSlot, maxChars };
    let candidate: string;
    try {
      const result = await this.opts.model.complete({
        messages: mode === 'generate' ? generatePrompt(input) : rephrasePrompt(input), temperature: 0.3, maxTokens: Math.min(512, maxChars * 2 + 32),
      }, new AbortController().signal);
      candidate = redactor.unmask(clean(result.text));
    } catch (err) {
      return this.keep(bot, `llm_${failureKind(err)}`, err);
    }
    const guard: GuardInput = { template: bot.text, candidate, slots: ctx.tracker.slots, askedSlot, formActive: ctx.tracker.activeLoopName !== null, mode };
    const verdict = guardRephrasing(guard, this.opts.config);
    if (!verdict.ok) {
      this.counts.guarded++;
      this.logger.info({ utter_action: utterActionOf(bot), reason: verdict.reason }, 'llm.rephrase.guarded');
      return { ...bot, metadata: { ...bot.metadata, rephrased: false, rephrase_reason: verdict.reason } };
    }
    this.counts[mode === 'generate' ? 'generated' : 'rephrased']++;
    return { ...bot, text: candidate, metadata: { ...bot.metadata, rephrased: true, ...(mode === 'generate' ? { generated: true } : {}) } };
  }

  stats(): RephraseStats { return { ...this.counts }; }

  private modeFor(bot: BotEvent, ctx: RephraseContext): Mode | undefined {
    const gen = this.opts.generative;
    const intent = ctx.tracker.latestIntent;
    if (gen?.enabled && intent && gen.intents.includes(intent) && firstReplyOfTurn(ctx.tracker)) return 'generate';
    if (!this.opts.config.enabled) return undefined;
    return this.opts.config.all || markedForRephrasing(bot, ctx.domain) ? 'rephrase' : undefined;
  }

  private keep(bot: BotEvent, reason: string, err: unknown): BotEvent {
    if (reason === 'llm_timeout') this.counts.timeouts++;
    else if (reason === 'llm_breaker_open') this.counts.breaker_open++;
    else this.counts.errors++;
    this.logger.warn({ utter_action: utterActionOf(bot), reason, err: (err as Error).message }, 'llm.rephrase.failed');
    return { ...bot, metadata: { ...bot.metadata, rephrased: false, rephrase_reason: reason } };
  }
}
