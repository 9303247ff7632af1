// The compare-and-set append of one turn as ONE statement (its own transaction, one round trip).
// The events' primary key (conversation_id, seq) is the compare-and-set: the turn inserts seqs
// expectedSeq+1…, which exist already iff another writer got there first (a unique violation,
// nothing written), and the event at expectedSeq must exist, so a writer cannot leave a gap.
// The conversation's head row changes only when a session starts (window_seq) and, for
// retention, when its updated_at may be a minute old: an ordinary turn is a bare INSERT …
// SELECT, with no head row update and no CTE around it (together a quarter of the statement's
// PostgreSQL CPU, measured with bench/state/cpu-probe.ts). The texts are fixed, so the driver
// prepares each once per connection.
import type { Event } from '../../core/index.js';
import { eventsParam, insertEventRows } from './event-rows.js';
import type { QueryOptions } from './sql-client.js';

/**
 * new: the conversation's first append (creates the head row); touch: also moves window_seq and
 * updated_at (locking the head row, so a prune deleting it wins cleanly); plain: only the events
 * (no result row: the events were written iff the row count is their number).
 */
export type AppendKind = 'new' | 'touch' | 'plain';

export interface AppendHead { conversationId: string; expectedSeq: number; windowSeq: number; kind: AppendKind }

/** The result row of new, touch and plain-with-head: `inserted` iff the events were written. */
export interface AppendRow { inserted: boolean; window_seq?: number; first_seq?: number }

// $1 conversation id, $2 expected seq, $3 events (jsonb array), $4 window seq (new and touch only)
const INSERT_EVENTS = insertEventRows({ id: '$1', base: '$2', events: '$3' });
const PREVIOUS_EXISTS = 'EXISTS (SELECT 1 FROM parley_events WHERE conversation_id = $1::text AND seq = $2::int)';

const NEW_CONVERSATION = `WITH head AS (
    INSERT INTO parley_conversations (conversation_id, window_seq) SELECT $1::text, $4::int WHERE $2::int = 0
    ON CONFLICT (conversation_id) DO NOTHING RETURNING window_seq, first_seq
  ), ins AS (${INSERT_EVENTS} WHERE EXISTS (SELECT 1 FROM head) RETURNING 1)
  SELECT window_seq, first_seq, EXISTS (SELECT 1 FROM ins) AS inserted FROM head`;

const TOUCH = `WITH head AS (
    UPDATE parley_conversations SET window_seq = GREATEST(window_seq, $4::int), updated_at = now()
    WHERE conversation_id = $1::text AND ${PREVIOUS_EXISTS} RETURNING window_seq, first_seq
  ), ins AS (${INSERT_EVENTS} WHERE EXISTS (SELECT 1 FROM head) RETURNING 1)
  SELECT window_seq, first_seq, EXISTS (SELECT 1 FROM ins) AS inserted FROM head`;

const PLAIN = `${INSERT_EVENTS} WHERE ${PREVIOUS_EXISTS}`;
// with a history cap, the trim needs the head's columns
const PLAIN_WITH_HEAD = `WITH ins AS (${PLAIN} RETURNING 1)
  SELECT window_seq, first_seq, EXISTS (SELECT 1 FROM ins) AS inserted FROM parley_conversations WHERE conversation_id = $1::text`;

/** The statement appending `events` (at least one); `withHead`: a plain append also returns the head's columns. */
export function appendStatement(h: AppendHead, events: readonly Event[], opts: { withHead?: boolean } = {}): { sql: string; params: unknown[]; options: QueryOptions } {
  const [sql, name] = h.kind === 'new' ? [NEW_CONVERSATION, 'parley_append_new']
    : h.kind === 'touch' ? [TOUCH, 'parley_append_touch']
      : opts.withHead ? [PLAIN_WITH_HEAD, 'parley_append_plain_head'] : [PLAIN, 'parley_append_plain'];
  const params = [h.conversationId, h.expectedSeq, eventsParam(events)];
  return { sql, params: h.kind === 'plain' ? params : [...params, h.windowSeq], options: { name } };
}
