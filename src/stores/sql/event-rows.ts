// How events become rows of parley_events and back. A batch of events travels to PostgreSQL as
// ONE jsonb array parameter and is split into rows there: the statement text is the same for
// any number of events (so the driver prepares it once per connection, and no statement hits
// the 65,535-parameter limit), and the events are JSON-encoded once. type/intent/action/
// timestamp are copied out of the payload for indexed analytics queries.
import type { Event } from '../../core/index.js';

/**
 * The column list and a SELECT producing the rows of `events` (a jsonb array parameter) for
 * conversation `id`, numbered from `base` + 1. The arguments are placeholders such as `$1`.
 */
export function insertEventRows(p: { id: string; base: string; events: string }): string {
  return `INSERT INTO parley_events (conversation_id, seq, type, intent, action, timestamp, payload)
    SELECT ${p.id}::text, ${p.base}::int + e.n::int, e.v->>'event',
      CASE WHEN e.v->>'event' = 'user' THEN e.v #>> '{parse_data,intent,name}' END,
      CASE WHEN e.v->>'event' = 'action' THEN e.v->>'name' END,
      to_timestamp(CASE WHEN jsonb_typeof(e.v->'timestamp') = 'number' THEN (e.v->>'timestamp')::float8 ELSE 0 END),
      e.v
    FROM jsonb_array_elements(${p.events}::jsonb) WITH ORDINALITY AS e(v, n)`;
}

/** The parameter value for `events` in insertEventRows. */
export const eventsParam = (events: readonly Event[]): string => JSON.stringify(events);

/** Reads a payload column: drivers return jsonb parsed, but a custom type parser may leave text. */
export function eventFromPayload(payload: unknown): Event {
  return (typeof payload === 'string' ? JSON.parse(payload) : payload) as Event;
}
