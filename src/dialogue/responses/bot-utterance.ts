// A rendered message (text, buttons, image... plus extra keys) as a `bot` event, as Rasa's
// create_bot_utterance does: known keys go to `data`, everything else to `metadata`.
import type { BotEvent, Button } from '../../core/index.js';
import { botEvent } from '../../core/index.js';

const DATA_KEYS = new Set(['text', 'elements', 'quick_replies', 'buttons', 'attachment', 'image', 'custom']);

export function createBotUtterance(message: Readonly<Record<string, unknown>>): BotEvent {
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(message)) if (!DATA_KEYS.has(k)) metadata[k] = v;
  const image = typeof message['image'] === 'string' ? message['image'] : null;
  const text = typeof message['text'] === 'string' ? message['text'] : null;
  return botEvent(text, {
    elements: (message['elements'] as unknown[] | undefined) ?? null,
    quick_replies: (message['quick_replies'] as unknown[] | undefined) ?? null,
    buttons: (message['buttons'] as Button[] | undefined) ?? null,
    // Rasa mirrors the image into `attachment` when there is no attachment (legacy clients read it there)
    attachment: message['attachment'] || image,
    image,
    custom: message['custom'] ?? null,
  }, metadata);
}
