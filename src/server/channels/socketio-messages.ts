// Bot messages (Rasa's dispatch, bot-messages.ts) → the payloads of Rasa's SocketIOOutput
// (rasa-compat §2.2): one `bot_uttered` per part.
import type { BotMessage } from '../bot-messages.js';

export type SocketPayload = Record<string, unknown>;

interface QuickReply { content_type: 'text'; title: unknown; payload: unknown }

function quickReplies(buttons: unknown[]): QuickReply[] {
  return buttons.map((b) => {
    const button = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
    return { content_type: 'text', title: button['title'], payload: button['payload'] };
  });
}

// Text is split on blank lines; buttons go with the last part, as quick replies.
function textPayloads(text: string, buttons: unknown[] | undefined): SocketPayload[] {
  const parts = text.trim().split('\n\n');
  const out: SocketPayload[] = parts.map((part) => ({ text: part }));
  const last = out[out.length - 1];
  if (buttons && buttons.length > 0 && last) last['quick_replies'] = quickReplies(buttons);
  return out;
}

export function socketPayloads(m: BotMessage): SocketPayload[] {
  if (typeof m.text === 'string' || (m.buttons && m.buttons.length > 0)) return textPayloads(m.text ?? '', m.buttons);
  if (m.image !== undefined) return [{ attachment: { type: 'image', payload: { src: m.image } } }];
  if (m.attachment !== undefined) return [{ attachment: m.attachment }];
  if (m.custom !== undefined) {
    // Rasa splats `custom` into emit(): only `custom.data` ever reaches the client
    const custom = m.custom as Record<string, unknown> | null;
    const data = custom && typeof custom === 'object' && 'data' in custom ? custom['data'] : custom;
    return [typeof data === 'object' && data !== null ? (data as SocketPayload) : { data }];
  }
  return [];
}
