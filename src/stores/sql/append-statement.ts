// The compare-and-set append of one turn as ONE statement (its own transaction, one round trip).
// The events' primary key (conversation_id, seq) is the compare-and-set: the turn inserts seqs
// expectedSeq+1…, which exist already iff another writer got there first (a unique violation,
// nothing written); the event at expectedSeq must exist, so a writer cannot leave a gap. The
// conversation's head row is written only when it must change: a new session moves window_seq,
// and updated_at (retention) is kept to the minute. Writing it every turn cost about a third of
// the statement's time in PostgreSQL (bench/state). The texts are fixed, so the driver prepares
// each once per connection.
import type { Event } from '../../core/index.js';
import { eventsParam, insertEventRows } from './event-rows.js';
import type { QueryOptions } from './sql-client.js';

export interface AppendHead { conversationId: string; expectedSeq: number; windowSeq: number }

/** Result row: present iff the conversation's head row exists; `inserted` iff the events were written. */
export interface HeadRow { window_seq: number; first_seq: number; inserted: boolean }

/** How stale updated_at may get before an append refreshes it (retention's resolution). */
export const HEAD_TOUCH_INTERVAL = "interval '1 minute'";

// $1 conversation id, $2 expected seq, $3 window seq, $4 events (jsonb array)
const INSERT_EVENTS = insertEventRows({ id: '$1', base: '$2', events: '$4' });

const NEW_CONVERSATION = `WITH head AS (
    INSERT INTO parley_conversations (conversation_id, window_seq) SELECT $1::text, $3::int WHERE $2::int = 0
    ON CONFLICT (conversation_id) DO NOTHING RETURNING window_seq, first_seq
  ), ins AS (${INSERT_EVENTS} WHERE EXISTS (SELECT 1 FROM head) RETURNING 1)
  SELECT window_seq, first_seq, EXISTS (SELECT 1 FROM ins) AS inserted FROM head`;

// `touched` runs before `ins` (ins reads its result): when the head row must change, the events
// go in only if this statement updated it, so a concurrent prune that deleted the row (and
// holds its lock until then) wins cleanly; otherwise the head row was fresh, which a prune
// never selects (retention.ts keeps a margin over HEAD_TOUCH_INTERVAL).
const NEXT_TURN = `WITH head AS (
    SELECT window_seq, first_seq, window_seq < $3::int OR updated_at < now() - ${HEAD_TOUCH_INTERVAL} AS due
    FROM parley_conversations WHERE conversation_id = $1::text
  ), touched AS (
    UPDATE parley_conversations SET window_seq = GREATEST(window_seq, $3::int), updated_at = now()
    WHERE conversation_id = $1::text AND (window_seq < $3::int OR updated_at < now() - ${HEAD_TOUCH_INTERVAL})
    RETURNING 1
  ), ins AS (${INSERT_EVENTS}
    WHERE EXISTS (SELECT 1 FROM parley_events WHERE conversation_id = $1::text AND seq = $2::int)
      AND (EXISTS (SELECT 1 FROM touched) OR EXISTS (SELECT 1 FROM head WHERE NOT due))
    RETURNING 1)
  SELECT GREATEST(window_seq, $3::int) AS window_seq, first_seq, EXISTS (SELECT 1 FROM ins) AS inserted FROM head`;

/** Compare-and-set plus the INSERT of `events` (at least one). */
export function appendStatement(h: AppendHead, events: readonly Event[], eventsJson = eventsParam(events)): { sql: string; params: unknown[]; options: QueryOptions } {
  const first = h.expectedSeq === 0;
  return {
    sql: first ? NEW_CONVERSATION : NEXT_TURN,
    params: [h.conversationId, h.expectedSeq, h.windowSeq, eventsJson],
    options: { name: first ? 'parley_append_new' : 'parley_append_next' },
  };
}
