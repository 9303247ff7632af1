// Where CachedTrackerStore keeps each conversation's current session. Every write is
// conditional on seq, so a slow or reordered write can never install an older state over a
// newer one; a write the cache cannot apply safely leaves only a "seq marker" (a miss).
import type { StoredConversation } from './tracker-store.js';

export interface SnapshotCache {
  /**
   * Set when every call settles (fails, at worst) within about this many ms by itself, as an
   * ioredis connection with a command timeout does: a caller then needs no timer of its own.
   */
  readonly callTimeoutMs?: number;
  /** The snapshot, or undefined (never stored, expired, or only a marker). */
  get(conversationId: string): Promise<StoredConversation | undefined>;
  /**
   * Stores `snap` unless a snapshot or marker with a higher seq is there (`force`: always, for
   * replace, where the seq may go down).
   */
  put(conversationId: string, snap: StoredConversation, opts?: { force?: boolean }): Promise<void>;
  /**
   * After an append that moved the log from `expectedSeq` to `newSeq`: extends the snapshot by
   * `eventsJson` (a JSON array) when it is at `expectedSeq`; otherwise leaves a marker at
   * `newSeq`. `eventsJson` undefined: just the marker (the new window is not known here).
   */
  advance(conversationId: string, expectedSeq: number, newSeq: number, eventsJson: string | undefined): Promise<void>;
  /** Forgets the snapshot (after a conflict: what is cached may be wrong). */
  drop(conversationId: string): Promise<void>;
  close(): Promise<void>;
}
