// `bot` events → the message objects a channel sends (Rasa's OutputChannel.send_response and
// CollectingOutputChannel, rasa-compat §2.1). One event may become several messages.
import type { BotEvent } from '../core/index.js';

export interface BotMessage {
  recipient_id: string;
  text?: string;
  buttons?: unknown[];
  image?: unknown;
  attachment?: unknown;
  custom?: unknown;
}

// Rasa's dispatch tests Python truthiness: empty strings, lists and dicts count as absent.
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

// Keys whose value is null are dropped, as CollectingOutputChannel does.
function message(recipientId: string, fields: Record<string, unknown>): BotMessage {
  const out: Record<string, unknown> = { recipient_id: recipientId };
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k] = v;
  return out as unknown as BotMessage;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function elementMessages(recipientId: string, elements: unknown[]): BotMessage[] {
  return elements.map((el) => {
    const e = (typeof el === 'object' && el !== null ? el : {}) as Record<string, unknown>;
    const title = typeof e['title'] === 'string' ? e['title'] : '';
    const subtitle = typeof e['subtitle'] === 'string' ? e['subtitle'] : '';
    const buttons = Array.isArray(e['buttons']) ? e['buttons'] : [];
    return message(recipientId, { text: `${title} : ${subtitle}`, buttons });
  });
}

function textMessages(recipientId: string, m: Record<string, unknown>): BotMessage[] {
  const text = typeof m['text'] === 'string' ? m['text'] : null;
  if (truthy(m['quick_replies'])) return [message(recipientId, { text, buttons: m['quick_replies'] })];
  if (truthy(m['buttons'])) return [message(recipientId, { text, buttons: m['buttons'] })];
  if (text !== null && text !== '') {
    return text.trim().split('\n\n').map((part) => message(recipientId, { text: part }));
  }
  return [];
}

/** The messages one `bot` event produces, in Rasa's order: text, custom, image, attachment, elements. */
export function botMessages(event: BotEvent, recipientId: string): BotMessage[] {
  // Rasa's BotUttered.message(): data, then text, then metadata keys on top.
  const m: Record<string, unknown> = { ...event.data, text: event.text, ...event.metadata };
  // Old events copied the image into attachment; send it once.
  if (sameJson(m['image'], m['attachment'])) m['attachment'] = null;
  const out = textMessages(recipientId, m);
  if (truthy(m['custom'])) out.push(message(recipientId, { custom: m['custom'] }));
  if (truthy(m['image'])) out.push(message(recipientId, { image: m['image'] }));
  if (truthy(m['attachment'])) out.push(message(recipientId, { attachment: m['attachment'] }));
  if (truthy(m['elements'])) out.push(...elementMessages(recipientId, m['elements'] as unknown[]));
  return out;
}

export const botMessagesOf = (events: readonly BotEvent[], recipientId: string): BotMessage[] =>
  events.flatMap((e) => botMessages(e, recipientId));
