// Retention: whole conversations idle for too long, and old sessions of long conversations.
import type { SqlClient } from './sql-client.js';

const PRUNE_BATCH = 500;
/**
 * An append that may find updated_at a minute old (HEAD_TOUCH_MS) updates it, locking the row,
 * so a prune racing with it wins cleanly; a fresher row is not locked by an append, so a prune
 * must never select one: idle times under this are treated as this.
 */
export const MIN_PRUNE_AGE_SECONDS = 120;

/**
 * Deletes conversations whose last append is older than `olderThanSeconds` (at least
 * MIN_PRUNE_AGE_SECONDS), in batches; returns how many.
 */
export async function pruneConversations(client: SqlClient, olderThanSeconds: number): Promise<number> {
  if (!(olderThanSeconds >= 0)) throw new RangeError(`olderThanSeconds must be >= 0, got ${olderThanSeconds}`);
  let total = 0;
  for (;;) {
    // SKIP LOCKED: a conversation whose turn is being written right now is not idle
    const deleted = await client.transaction(async (tx) => {
      const { rows } = await tx.query<{ conversation_id: string }>(
        `DELETE FROM parley_conversations WHERE conversation_id IN (
          SELECT conversation_id FROM parley_conversations
          WHERE updated_at < now() - make_interval(secs => GREATEST($1::float8, ${MIN_PRUNE_AGE_SECONDS})) LIMIT $2 FOR UPDATE SKIP LOCKED
        ) RETURNING conversation_id`, [olderThanSeconds, PRUNE_BATCH]);
      if (rows.length > 0) {
        await tx.query('DELETE FROM parley_events WHERE conversation_id = ANY($1::text[])', [rows.map((r) => r.conversation_id)]);
      }
      return rows.length;
    });
    total += deleted;
    if (deleted < PRUNE_BATCH) return total;
  }
}

export interface TrimArgs { conversationId: string; newSeq: number; cap: number; windowSeq: number; firstSeq: number }

/**
 * Keeps about `cap` events: deletes events before both the current session and the last `cap`
 * events. Runs only once the excess reaches 10 % of the cap, so most appends pay nothing.
 */
export async function trimHistory(client: SqlClient, a: TrimArgs): Promise<void> {
  const sessionStart = a.windowSeq > 0 ? a.windowSeq - 1 : 1;
  const keepFrom = Math.max(1, Math.min(sessionStart, a.newSeq - a.cap + 1));
  const slack = Math.max(1, Math.ceil(a.cap * 0.1));
  if (keepFrom - a.firstSeq < slack) return;
  await client.query(
    `WITH gone AS (DELETE FROM parley_events WHERE conversation_id = $1 AND seq < $2)
     UPDATE parley_conversations SET first_seq = GREATEST(first_seq, $2) WHERE conversation_id = $1`,
    [a.conversationId, keepFrom]);
}
