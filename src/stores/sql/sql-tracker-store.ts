// The tracker store over any SQL client speaking PostgreSQL (PGlite embedded, or `pg`). An
// append is a compare-and-set on the events' seq plus their INSERT, in one prepared statement
// whatever the number of events. A turn reads only the current session.
import type { Event } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { lastResetIndex } from '../session-window.js';
import type { EventRewriter, PrunableStore, StoredConversation, StoredEvent, TrackerStore } from '../tracker-store.js';
import { appendStatement, type AppendKind, type AppendRow } from './append-statement.js';
import { HeadTouches } from './head-touches.js';
import { eventFromPayload, eventsParam, insertEventRows } from './event-rows.js';
import { pruneConversations, trimHistory } from './retention.js';
import { readFull, readWindow } from './sql-reads.js';
import { hasSqlState, UNIQUE_VIOLATION, type SqlClient } from './sql-client.js';
import { rewriteConversation } from './rewrite-events.js';

export interface SqlTrackerStoreOptions {
  /** called by close(); the owner of the connection decides what closing means */
  onClose?: () => Promise<void>;
  /** rows fetched per query while iterating events() */
  pageSize?: number;
  /**
   * Keep about this many events per conversation (at most 10 % more): older sessions are
   * deleted after an append; the current session is never cut.
   */
  maxEventsPerConversation?: number;
}

interface PayloadRow { seq: number; payload: unknown }

const REPLACE_EVENTS = insertEventRows({ id: '$1', base: '0', events: '$2' });

export class SqlTrackerStore implements TrackerStore, EventRewriter, PrunableStore {
  private readonly touches = new HeadTouches();

  constructor(private readonly client: SqlClient, private readonly options: SqlTrackerStoreOptions = {}) {}

  retrieve(conversationId: string): Promise<StoredConversation | undefined> {
    return readWindow(this.client, conversationId);
  }

  retrieveFull(conversationId: string): Promise<StoredConversation | undefined> {
    return readFull(this.client, conversationId);
  }

  async append(conversationId: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    if (events.length === 0) return this.checkSeq(conversationId, expectedSeq);
    const newSeq = expectedSeq + events.length;
    const reset = lastResetIndex(events);
    const kind: AppendKind = expectedSeq === 0 ? 'new' : reset >= 0 || !this.touches.isFresh(conversationId) ? 'touch' : 'plain';
    const cap = this.options.maxEventsPerConversation;
    const st = appendStatement({ conversationId, expectedSeq, windowSeq: reset < 0 ? 0 : expectedSeq + reset + 1, kind }, events, { withHead: cap !== undefined });
    const startedAt = this.touches.clock();
    let row: AppendRow | undefined;
    try {
      const result = await this.client.query<AppendRow>(st.sql, st.params, st.options);
      row = result.rows[0] ?? (kind === 'plain' && cap === undefined ? { inserted: result.rowCount === events.length } : undefined);
    } catch (error) {
      this.touches.forget(conversationId);
      // a row of the head or of the events already exists: another writer got there first
      if (hasSqlState(error, UNIQUE_VIOLATION)) throw conflict(conversationId, expectedSeq, undefined, error);
      throw error;
    }
    if (!row?.inserted) {
      this.touches.forget(conversationId);
      throw conflict(conversationId, expectedSeq, undefined);
    }
    if (kind !== 'plain') this.touches.touched(conversationId, startedAt);
    if (cap !== undefined) await trimHistory(this.client, { conversationId, newSeq, cap, windowSeq: Number(row.window_seq ?? 0), firstSeq: Number(row.first_seq ?? 1) });
    return newSeq;
  }

  async replace(conversationId: string, events: readonly Event[]): Promise<number> {
    this.touches.forget(conversationId);
    return this.client.transaction(async (tx) => {
      await tx.query('DELETE FROM parley_conversations WHERE conversation_id = $1', [conversationId]);
      await tx.query('DELETE FROM parley_events WHERE conversation_id = $1', [conversationId]);
      if (events.length === 0) return 0;
      const reset = lastResetIndex(events);
      await tx.query('INSERT INTO parley_conversations (conversation_id, window_seq) VALUES ($1, $2)',
        [conversationId, reset + 1]);
      await tx.query(REPLACE_EVENTS, [conversationId, eventsParam(events)]);
      return events.length;
    });
  }

  async *events(conversationId: string, opts: { sinceSeq?: number } = {}): AsyncIterable<StoredEvent> {
    const pageSize = this.options.pageSize ?? 500;
    let after = Math.max(0, Math.floor(opts.sinceSeq ?? 0));
    for (;;) {
      const { rows } = await this.client.query<PayloadRow>(
        'SELECT seq, payload FROM parley_events WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [conversationId, after, pageSize]);
      for (const r of rows) yield { seq: Number(r.seq), event: eventFromPayload(r.payload) };
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = Number(last.seq);
    }
  }

  async conversationIds(): Promise<string[]> {
    const { rows } = await this.client.query<{ conversation_id: string }>('SELECT conversation_id FROM parley_conversations');
    return rows.map((r) => r.conversation_id);
  }

  rewriteEvents(conversationId: string, fn: (e: StoredEvent) => Event | undefined): Promise<number> {
    return rewriteConversation(this.client, conversationId, fn);
  }

  prune(opts: { olderThanSeconds: number }): Promise<number> {
    return pruneConversations(this.client, opts.olderThanSeconds);
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }

  private async checkSeq(conversationId: string, expectedSeq: number): Promise<number> {
    const { rows } = await this.client.query<{ seq: number | null }>(
      `SELECT (SELECT max(seq) FROM parley_events e WHERE e.conversation_id = c.conversation_id) AS seq
       FROM parley_conversations c WHERE c.conversation_id = $1`, [conversationId]);
    const current = Number(rows[0]?.seq ?? 0);
    if (current !== expectedSeq) throw conflict(conversationId, expectedSeq, current);
    return current;
  }
}

function conflict(conversationId: string, expectedSeq: number, actualSeq: number | undefined, cause?: unknown): ParleyError {
  return new ParleyError('STORE_APPEND_CONFLICT', `conversation ${JSON.stringify(conversationId)} changed since it was read`, {
    cause, details: { conversationId, expectedSeq, ...(actualSeq === undefined ? {} : { actualSeq }) },
  });
}
