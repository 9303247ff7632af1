// Where conversations live: an append-only event log per conversation id.
import type { Event } from '../core/index.js';

export interface StoredConversation {
  events: Event[];
  /** the number of events stored so far: the `expectedSeq` of the next append */
  seq: number;
}

export interface StoredEvent { seq: number; event: Event }

export interface TrackerStore {
  retrieve(conversationId: string): Promise<StoredConversation | undefined>;
  /**
   * Appends events atomically. `expectedSeq` is the seq the caller read; if another writer
   * appended since, this throws ParleyError STORE_APPEND_CONFLICT and writes nothing.
   * Returns the new seq.
   */
  append(conversationId: string, events: readonly Event[], expectedSeq: number): Promise<number>;
  /** Replaces a conversation's whole log (PUT /tracker/events). Returns the new seq. */
  replace(conversationId: string, events: readonly Event[]): Promise<number>;
  events(conversationId: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent>;
  conversationIds(): Promise<string[]>;
  close(): Promise<void>;
}
