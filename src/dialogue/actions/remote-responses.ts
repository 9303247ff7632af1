// Turns the `responses` of an action server reply into bot events (Rasa's _utter_responses).
import type { BotEvent, Button, Domain } from '../../core/index.js';
import { createBotUtterance } from '../responses/bot-utterance.js';
import { renderResponse } from '../responses/generate-response.js';

/** Keys of a rasa-sdk message that describe the message itself, not interpolation values. */
const MESSAGE_KEYS = new Set(['text', 'buttons', 'elements', 'custom', 'template', 'response', 'image', 'attachment', 'quick_replies', 'json_message']);

function isTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
  return Boolean(v);
}

export interface ResponseRenderContext {
  domain: Domain;
  slots: Readonly<Record<string, unknown>>;
  channel: string | null;
  random?: () => number;
}

function draftFor(message: Record<string, unknown>, ctx: ResponseRenderContext): Record<string, unknown> | undefined {
  const responseName = message['response'] ?? message['template'];
  if (typeof responseName !== 'string' || responseName === '') return {};
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(message)) if (!MESSAGE_KEYS.has(k)) vars[k] = v;
  const rendered = renderResponse(ctx.domain, responseName, { slots: ctx.slots, channel: ctx.channel, vars, ...(ctx.random ? { random: ctx.random } : {}) });
  return rendered ? { ...rendered, utter_action: responseName } : undefined;
}

/** One bot event per message: the named domain response (if any), then buttons appended, then truthy keys override. */
export function renderRemoteResponses(messages: readonly Record<string, unknown>[], ctx: ResponseRenderContext): BotEvent[] {
  const out: BotEvent[] = [];
  for (const message of messages) {
    const draft = draftFor(message, ctx);
    if (!draft) continue; // the named response rendered nothing
    const buttons = Array.isArray(message['buttons']) ? (message['buttons'] as Button[]) : [];
    if (buttons.length > 0) draft['buttons'] = [...((draft['buttons'] as Button[] | undefined) ?? []), ...buttons];
    for (const [k, v] of Object.entries(message)) {
      if (k === 'response' || k === 'template' || k === 'buttons' || !isTruthy(v)) continue;
      draft[k] = v;
    }
    out.push(createBotUtterance(draft));
  }
  return out;
}
