// Reading a conversation: the current session (one indexed range read from the window start
// kept in parley_conversations, so its cost does not grow with history) or every stored event.
import { startsSession } from '../session-window.js';
import type { StoredConversation } from '../tracker-store.js';
import { eventFromPayload } from './event-rows.js';
import type { SqlQueryable } from './sql-client.js';

interface HeadEventRow { window_seq: number; seq: number | null; payload: unknown }

// window_seq is the seq of the latest reset; the event before it is read too, and kept when it
// is the action_session_start that belongs to the session
// (the head seq is the newest event's: the window always reaches it)
const WINDOW_SQL = `SELECT c.window_seq, e.seq, e.payload
  FROM parley_conversations c
  LEFT JOIN parley_events e ON e.conversation_id = c.conversation_id AND e.seq >= GREATEST(c.window_seq - 1, c.first_seq)
  WHERE c.conversation_id = $1 ORDER BY e.seq`;

const FULL_SQL = `SELECT c.window_seq, e.seq, e.payload
  FROM parley_conversations c
  LEFT JOIN parley_events e ON e.conversation_id = c.conversation_id
  WHERE c.conversation_id = $1 ORDER BY e.seq`;

export async function readWindow(client: SqlQueryable, conversationId: string): Promise<StoredConversation | undefined> {
  const { rows } = await client.query<HeadEventRow>(WINDOW_SQL, [conversationId]);
  const first = rows[0];
  if (!first) return undefined;
  const stored = toConversation(rows);
  const windowSeq = Number(first.window_seq);
  if (windowSeq > 1 && Number(first.seq) === windowSeq - 1 && !startsSession(stored.events[0])) {
    stored.events.shift();
    stored.baseSeq += 1;
  }
  return stored;
}

export async function readFull(client: SqlQueryable, conversationId: string): Promise<StoredConversation | undefined> {
  const { rows } = await client.query<HeadEventRow>(FULL_SQL, [conversationId]);
  return rows.length === 0 ? undefined : toConversation(rows);
}

function toConversation(rows: HeadEventRow[]): StoredConversation {
  const withEvents = rows.filter((r) => r.seq !== null);
  const head = Number(withEvents.at(-1)?.seq ?? 0);
  const firstSeq = withEvents[0] ? Number(withEvents[0].seq) : head + 1;
  return { events: withEvents.map((r) => eventFromPayload(r.payload)), seq: head, baseSeq: firstSeq - 1 };
}
