// The compare-and-set append of one turn as ONE statement: the head row of the conversation
// moves from `expectedSeq` to the new seq only if nobody moved it first, and the events are
// inserted only if it moved. A single statement is its own transaction, so a turn costs one
// round trip; a losing writer gets no head row back and has written nothing. The two texts are
// fixed, so the driver prepares each once per connection.
import type { Event } from '../../core/index.js';
import { eventsParam, insertEventRows } from './event-rows.js';
import type { QueryOptions } from './sql-client.js';

export interface AppendHead { conversationId: string; expectedSeq: number; newSeq: number; windowSeq: number }

/** Result row: present iff the compare-and-set won. */
export interface HeadRow { window_seq: number; first_seq: number }

// $1 conversation id, $2 expected seq, $3 new seq, $4 window seq, $5 events (jsonb array)
const INSERT_EVENTS = insertEventRows({ id: '$1', base: '$2', events: '$5' });

const NEW_CONVERSATION = `WITH head AS (
    INSERT INTO parley_conversations (conversation_id, seq, window_seq) SELECT $1::text, $3::int, $4::int WHERE $2::int = 0
    ON CONFLICT (conversation_id) DO NOTHING RETURNING window_seq, first_seq
  ), ins AS (${INSERT_EVENTS} WHERE EXISTS (SELECT 1 FROM head))
  SELECT window_seq, first_seq FROM head`;

// updated_at moves at most once a minute: an unchanged indexed column keeps the update HOT
const NEXT_TURN = `WITH head AS (
    UPDATE parley_conversations SET seq = $3::int, window_seq = GREATEST(window_seq, $4::int),
      updated_at = CASE WHEN updated_at < now() - interval '1 minute' THEN now() ELSE updated_at END
    WHERE conversation_id = $1::text AND seq = $2::int RETURNING window_seq, first_seq
  ), ins AS (${INSERT_EVENTS} WHERE EXISTS (SELECT 1 FROM head))
  SELECT window_seq, first_seq FROM head`;

/** Compare-and-set of the head plus the INSERT of `events` (at least one). */
export function appendStatement(h: AppendHead, events: readonly Event[]): { sql: string; params: unknown[]; options: QueryOptions } {
  const first = h.expectedSeq === 0;
  return {
    sql: first ? NEW_CONVERSATION : NEXT_TURN,
    params: [h.conversationId, h.expectedSeq, h.newSeq, h.windowSeq, eventsParam(events)],
    options: { name: first ? 'parley_append_new' : 'parley_append_next' },
  };
}
