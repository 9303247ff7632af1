// How an event becomes a row of parley_events and back: the payload is the whole event, and
// type/intent/action/timestamp are copied out of it for indexed analytics queries.
import type { Event } from '../../core/index.js';

export interface EventRow {
  conversation_id: string;
  seq: number;
  type: string;
  intent: string | null;
  action: string | null;
  /** epoch seconds, as in the event; stored as timestamptz */
  timestamp: number;
  payload: string;
}

const COLUMNS = '(conversation_id, seq, type, intent, action, timestamp, payload)';
const PARAMS_PER_ROW = 7;
/** rows per INSERT: PostgreSQL allows at most 65 535 parameters in one statement */
export const MAX_ROWS_PER_INSERT = 1000;

export function eventRow(conversationId: string, seq: number, event: Event): EventRow {
  return {
    conversation_id: conversationId,
    seq,
    type: event.event,
    intent: event.event === 'user' ? (event.parse_data.intent?.name ?? null) : null,
    action: event.event === 'action' ? event.name : null,
    timestamp: Number.isFinite(event.timestamp) ? event.timestamp : 0,
    payload: JSON.stringify(event),
  };
}

/** One multi-row INSERT for up to MAX_ROWS_PER_INSERT rows. */
export function insertStatement(rows: readonly EventRow[]): { sql: string; params: unknown[] } {
  if (rows.length === 0 || rows.length > MAX_ROWS_PER_INSERT) {
    throw new RangeError(`an INSERT takes 1 to ${MAX_ROWS_PER_INSERT} rows, got ${rows.length}`);
  }
  const params: unknown[] = [];
  const tuples = rows.map((r, i) => {
    const p = i * PARAMS_PER_ROW;
    params.push(r.conversation_id, r.seq, r.type, r.intent, r.action, r.timestamp, r.payload);
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, to_timestamp($${p + 6}), $${p + 7}::jsonb)`;
  });
  return { sql: `INSERT INTO parley_events ${COLUMNS} VALUES ${tuples.join(', ')}`, params };
}

/** Reads a payload column: drivers return jsonb parsed, but a custom type parser may leave text. */
export function eventFromPayload(payload: unknown): Event {
  return (typeof payload === 'string' ? JSON.parse(payload) : payload) as Event;
}
