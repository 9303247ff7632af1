// Where conversations live: an append-only event log per conversation id.
import type { Event } from '../core/index.js';

export interface StoredConversation {
  /** the events of the window asked for (see TrackerStore.retrieve / retrieveFull) */
  events: Event[];
  /** the number of events ever stored (the global seq of the last event): the `expectedSeq` of the next append */
  seq: number;
  /** the seq of the event before `events[0]`, so `events[i]` has seq `baseSeq + i + 1` (0 for a log from the start) */
  baseSeq: number;
}

/** One stored event; `seq` counts from 1, so the n-th event of a conversation has seq n. */
export interface StoredEvent { seq: number; event: Event }

/**
 * A conversation exists while it has at least one event. Stores hand out copies with JSON
 * semantics (`undefined` fields dropped), so callers can neither see nor cause shared mutation.
 *
 * Which read to use:
 * - `retrieve` (the current session only; its cost does not grow with history): every turn
 *   (Agent.handleMessage, trigger_intent, execute, predict, append events), as Rasa's stores do.
 * - `retrieveFull` (every stored event): GET /tracker with include_events=ALL/AFTER_RESTART,
 *   story export with all sessions, anything that must show history before the last session start.
 */
export interface TrackerStore {
  /**
   * The current session: the events from the latest `session_started` or `restart` (including
   * an `action_session_start` right before it) to the end, or the whole log when there is none.
   * `session_started` and `restart` reset the tracker, so folding this window gives the same
   * state as folding the whole log. Undefined for a conversation with no events.
   */
  retrieve(conversationId: string): Promise<StoredConversation | undefined>;
  /** Every stored event (a retention cap may have removed old sessions: see `baseSeq`). */
  retrieveFull(conversationId: string): Promise<StoredConversation | undefined>;
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
  /** The stored events with seq > `sinceSeq` (default 0), in seq order. */
  events(conversationId: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent>;
  /** Every conversation with at least one event, in no particular order. */
  conversationIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** Optional capability of durable stores: rewriting stored payloads in place (key rotation). */
export interface EventRewriter {
  /**
   * Calls `fn` for every stored event of the conversation and stores what it returns in place
   * (same seq); `undefined` keeps the event. Returns how many events were rewritten.
   */
  rewriteEvents(conversationId: string, fn: (e: StoredEvent) => Event | undefined): Promise<number>;
}

/** Optional capability of durable stores: retention. */
export interface PrunableStore {
  /** Deletes conversations whose latest append is older than `olderThanSeconds` (a store may round small ages up to its resolution: 2 minutes for SQL); returns how many. */
  prune(opts: { olderThanSeconds: number }): Promise<number>;
}

export const isEventRewriter = (s: object): s is EventRewriter => typeof (s as Partial<EventRewriter>).rewriteEvents === 'function';
export const isPrunableStore = (s: object): s is PrunableStore => typeof (s as Partial<PrunableStore>).prune === 'function';
