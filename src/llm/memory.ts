// Prompt context derived from the tracker's event log (no separate memory object): the last N
// user/bot messages, the current non-sensitive slots, and every sensitive value seen, to mask.
import type { Event, Tracker } from '../core/index.js';
import { REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT } from '../core/index.js';
import type { Secret } from './redactor.js';
import { entitySecrets, valueSecrets } from './redactor.js';

export interface MemoryOptions {
  /** how many of the latest user and bot messages to include */
  historyTurns: number;
  sensitiveSlots: readonly string[];
  /** entity types to mask besides the sensitive slots' names */
  sensitiveEntities?: readonly string[];
}

export interface MemoryTurn { speaker: 'user' | 'bot'; text: string }

export interface ConversationMemory {
  turns: MemoryTurn[];
  /** filled, non-sensitive, non-internal slots */
  slots: Record<string, unknown>;
  /** sensitive values anywhere in the conversation (to mask in whatever is sent) */
  secrets: Secret[];
}

const INTERNAL_SLOTS = new Set([REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT]);

function recentTurns(events: readonly Event[], n: number): MemoryTurn[] {
  const out: MemoryTurn[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < n; i--) {
    const e = events[i] as Event;
    if (e.event === 'user' && e.text) out.push({ speaker: 'user', text: e.text });
    else if (e.event === 'bot' && e.text) out.push({ speaker: 'bot', text: e.text });
  }
  return out.reverse();
}

function secretsOf(tracker: Tracker, slots: ReadonlySet<string>, entities: ReadonlySet<string>): Secret[] {
  const out: Secret[] = [];
  for (const e of tracker.events) {
    if (e.event === 'user') out.push(...entitySecrets(e.text, e.parse_data.entities, entities));
    else if (e.event === 'slot' && slots.has(e.name)) out.push(...valueSecrets(e.name, e.value));
  }
  for (const name of slots) out.push(...valueSecrets(name, tracker.slot(name)));
  return out;
}

export function conversationMemory(tracker: Tracker, opts: MemoryOptions): ConversationMemory {
  const sensitiveSlots = new Set(opts.sensitiveSlots);
  const sensitiveEntities = new Set([...opts.sensitiveSlots, ...(opts.sensitiveEntities ?? [])]);
  const slots: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tracker.slots)) {
    if (value === null || value === undefined || INTERNAL_SLOTS.has(name) || sensitiveSlots.has(name)) continue;
    slots[name] = value;
  }
  return {
    turns: recentTurns(tracker.eventsAfterLatestRestart(), opts.historyTurns),
    slots,
    secrets: secretsOf(tracker, sensitiveSlots, sensitiveEntities),
  };
}
