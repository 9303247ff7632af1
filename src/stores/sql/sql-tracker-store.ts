// The tracker store over any SQL client speaking PostgreSQL: one append = one transaction
// with one multi-row INSERT per up to 1000 events.
import type { Event } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import type { StoredConversation, StoredEvent, TrackerStore } from '../tracker-store.js';
import { eventFromPayload, eventRow, insertStatement, MAX_ROWS_PER_INSERT } from './event-rows.js';
import { hasSqlState, UNIQUE_VIOLATION, type SqlClient, type SqlQueryable } from './sql-client.js';

export interface SqlTrackerStoreOptions {
  /** called by close(); the owner of the connection decides what closing means */
  onClose?: () => Promise<void>;
  /** rows fetched per query while iterating events() */
  pageSize?: number;
}

interface PayloadRow { seq: number; payload: unknown }

export class SqlTrackerStore implements TrackerStore {
  constructor(private readonly client: SqlClient, private readonly options: SqlTrackerStoreOptions = {}) {}

  async retrieve(conversationId: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.client.query<PayloadRow>(
      'SELECT seq, payload FROM parley_events WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
    const last = rows.at(-1);
    if (!last) return undefined;
    return { events: rows.map((r) => eventFromPayload(r.payload)), seq: Number(last.seq) };
  }

  async append(conversationId: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    try {
      return await this.client.transaction(async (tx) => {
        const current = await currentSeq(tx, conversationId);
        if (current !== expectedSeq) throw conflict(conversationId, expectedSeq, current);
        await insertEvents(tx, conversationId, events, expectedSeq);
        return expectedSeq + events.length;
      });
    } catch (error) {
      // a concurrent writer passed the seq check too; the primary key stopped the second one
      if (hasSqlState(error, UNIQUE_VIOLATION)) throw conflict(conversationId, expectedSeq, undefined, error);
      throw error;
    }
  }

  async replace(conversationId: string, events: readonly Event[]): Promise<number> {
    return this.client.transaction(async (tx) => {
      await tx.query('DELETE FROM parley_events WHERE conversation_id = $1', [conversationId]);
      await insertEvents(tx, conversationId, events, 0);
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
    const { rows } = await this.client.query<{ conversation_id: string }>(
      'SELECT DISTINCT conversation_id FROM parley_events');
    return rows.map((r) => r.conversation_id);
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }
}

async function currentSeq(tx: SqlQueryable, conversationId: string): Promise<number> {
  const { rows } = await tx.query<{ seq: number | string | null }>(
    'SELECT max(seq) AS seq FROM parley_events WHERE conversation_id = $1', [conversationId]);
  return Number(rows[0]?.seq ?? 0);
}

async function insertEvents(tx: SqlQueryable, conversationId: string, events: readonly Event[], afterSeq: number): Promise<void> {
  for (let start = 0; start < events.length; start += MAX_ROWS_PER_INSERT) {
    const chunk = events.slice(start, start + MAX_ROWS_PER_INSERT);
    const rows = chunk.map((e, i) => eventRow(conversationId, afterSeq + start + i + 1, e));
    const { sql, params } = insertStatement(rows);
    await tx.query(sql, params);
  }
}

function conflict(conversationId: string, expectedSeq: number, actualSeq: number | undefined, cause?: unknown): ParleyError {
  return new ParleyError('STORE_APPEND_CONFLICT', `conversation ${JSON.stringify(conversationId)} changed since it was read`, {
    cause, details: { conversationId, expectedSeq, ...(actualSeq === undefined ? {} : { actualSeq }) },
  });
}
