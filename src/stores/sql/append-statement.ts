// The compare-and-set append of one turn as ONE statement: the head row of the conversation
// moves from `expectedSeq` to the new seq only if nobody moved it first, and the events are
// inserted only if it moved. A single statement is its own transaction, so a turn costs one
// round trip; a losing writer gets no head row back and has written nothing.
import type { EventRow } from './event-rows.js';

export interface AppendHead { conversationId: string; expectedSeq: number; newSeq: number; windowSeq: number }

/** Result row: present iff the compare-and-set won. */
export interface HeadRow { window_seq: number; first_seq: number }

const VALUE_PARAMS = 6;

/** The head update (or insert, for a new conversation) returning the head row. */
function headStatement(h: AppendHead): { sql: string; params: unknown[] } {
  if (h.expectedSeq === 0) {
    return {
      sql: `INSERT INTO parley_conversations (conversation_id, seq, window_seq) VALUES ($1, $2, $3)
        ON CONFLICT (conversation_id) DO NOTHING RETURNING window_seq, first_seq`,
      params: [h.conversationId, h.newSeq, h.windowSeq],
    };
  }
  return {
    // updated_at moves at most once a minute: an unchanged indexed column keeps the update HOT
    sql: `UPDATE parley_conversations SET seq = $2, window_seq = GREATEST(window_seq, $3),
        updated_at = CASE WHEN updated_at < now() - interval '1 minute' THEN now() ELSE updated_at END
      WHERE conversation_id = $1 AND seq = $4 RETURNING window_seq, first_seq`,
    params: [h.conversationId, h.newSeq, h.windowSeq, h.expectedSeq],
  };
}

/** Compare-and-set plus the INSERT of `rows` (1..MAX_ROWS_PER_INSERT), or the bare head move for no rows. */
export function appendStatement(h: AppendHead, rows: readonly EventRow[]): { sql: string; params: unknown[] } {
  const head = headStatement(h);
  if (rows.length === 0) return head;
  const params = [...head.params];
  const base = params.length;
  const tuples = rows.map((r, i) => {
    const p = base + i * VALUE_PARAMS;
    params.push(r.seq, r.type, r.intent, r.action, r.timestamp, r.payload);
    return `($${p + 1}::int, $${p + 2}::text, $${p + 3}::text, $${p + 4}::text, $${p + 5}::float8, $${p + 6}::jsonb)`;
  });
  const sql = `WITH head AS (${head.sql}), ins AS (
      INSERT INTO parley_events (conversation_id, seq, type, intent, action, timestamp, payload)
      SELECT $1, v.seq, v.type, v.intent, v.action, to_timestamp(v.ts), v.payload
      FROM (VALUES ${tuples.join(', ')}) AS v(seq, type, intent, action, ts, payload)
      WHERE EXISTS (SELECT 1 FROM head)
    ) SELECT window_seq, first_seq FROM head`;
  return { sql, params };
}
