// Building the mutable Message a parse (or a training example) moves through.
import type { Message } from '../component.js';

export function createMessage(text: string, metadata: Record<string, unknown> = {}): Message {
  return {
    text,
    tokens: [],
    sparse: new Map(),
    parse: { text, intent: null, entities: [], intent_ranking: [] },
    metadata,
  };
}
