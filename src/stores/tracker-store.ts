// Where conversations live: an append-only event log per conversation id.
import type { Event } from '../core/index.js';

export interface StoredConversation {
  events: Event[];
  /** the number of events stored so far: the `expectedSeq` of the next append */
  seq: number;
}

/** One stored event; `seq` counts from 1, so the n-th event of a conversation has seq n. */
export interface StoredEvent { seq: number; event: Event }

/**
 * A conversation exists while it has at least one event. Stores hand out copies with JSON
 * semantics (`undefined` fields dropped), so callers can neither see nor cause shared mutation.
 */
export interface TrackerStore {
  /** The whole log, or undefined for a conversation with no events. */
  retrieve(conversationId: string): Promise<StoredConversation | undefined>;
  /**
   * Appends events atomically. `expectedSeq` is the seq the caller read; if another writer
   * appended since, this throws ParleyError STORE_APPEND_CONFLICT and writes nothing.
   * Returns the new seq. An empty append writes nothing but is still checked.
   */
  append(conversationId: string, events: readonly Event[], expectedSeq: number): Promise<number>;
  /**
   * Replaces a conversation's whole log (PUT /tracker/events). Returns the new seq; replacing
   * with no events removes the conversation.
   */
  replace(conversationId: string, events: readonly Event[]): Promise<number>;
  /** The events with seq > `sinceSeq` (default 0), in seq order. */
  events(conversationId: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent>;
  /** Every conversation with at least one event, in no particular order. */
  conversationIds(): Promise<string[]>;
  close(): Promise<void>;
}
