// The SQL store against a scripted client, for the paths one embedded connection cannot reach.
import { describe, expect, it } from 'vitest';
import { sessionStartedEvent, slotEvent } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import type { SqlClient, SqlQueryable, SqlResult } from './sql-client.js';
import { SqlTrackerStore } from './sql-tracker-store.js';

/** A client whose compare-and-set wins (`won`) or loses, and whose writes fail with `writeError`. */
function scriptedClient(opts: { won: boolean; writeError?: unknown; windowSeq?: number }): SqlClient & { statements: { sql: string; params: unknown[] }[] } {
  const statements: { sql: string; params: unknown[] }[] = [];
  const query = async <T>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<T>> => {
    statements.push({ sql, params: [...params] });
    if (opts.writeError !== undefined && /INSERT|UPDATE/.test(sql)) throw opts.writeError;
    if (/AS inserted/.test(sql)) return { rows: [{ window_seq: opts.windowSeq ?? 0, first_seq: 1, inserted: opts.won }] as T[] };
    // a plain append: the row count tells
    if (/^INSERT INTO parley_events/.test(sql)) return { rows: [], rowCount: opts.won ? (JSON.parse(String(params[2])) as unknown[]).length : 0 };
    return { rows: [] };
  };
  return { statements, query, transaction: <T>(fn: (tx: SqlQueryable) => Promise<T>) => fn({ query }) };
}

describe('SqlTrackerStore', () => {
  it('turns a unique violation from a racing writer into STORE_APPEND_CONFLICT', async () => {
    const pkError = Object.assign(new Error('duplicate key value'), { code: '23505' });
    const store = new SqlTrackerStore(scriptedClient({ won: true, writeError: pkError }));
    const error = await store.append('c', [slotEvent('a', 1)], 3).catch((e: unknown) => e);
    expect(isParleyError(error, 'STORE_APPEND_CONFLICT')).toBe(true);
    expect((error as Error).cause).toBe(pkError);
  });

  it('passes other database errors through', async () => {
    const other = Object.assign(new Error('disk full'), { code: '53100' });
    const store = new SqlTrackerStore(scriptedClient({ won: true, writeError: other }));
    await expect(store.append('c', [slotEvent('a', 1)], 3)).rejects.toBe(other);
  });

  it('writes a turn with one statement, and reports a lost compare-and-set as a conflict', async () => {
    const client = scriptedClient({ won: true });
    const store = new SqlTrackerStore(client);
    expect(await store.append('c', [slotEvent('a', 1), sessionStartedEvent(), slotEvent('c', 3)], 4)).toBe(7);
    expect(client.statements).toHaveLength(1);
    expect(client.statements[0]?.sql).toMatch(/UPDATE parley_conversations/); // a session starts: the head moves
    // conversation, expected seq, the events as one JSON array, window seq (the session_started is seq 6)
    expect(client.statements[0]?.params[3]).toBe(6);
    expect(client.statements[0]?.params.slice(0, 2)).toEqual(['c', 4]);
    expect(JSON.parse(String(client.statements[0]?.params[2]))).toHaveLength(3);
    // the next ordinary turn within the minute leaves the head row alone
    await store.append('c', [slotEvent('d', 4)], 7);
    expect(client.statements[1]?.sql).not.toMatch(/parley_conversations/);
    const lost = new SqlTrackerStore(scriptedClient({ won: false }));
    expect(isParleyError(await lost.append('c', [slotEvent('d', 4)], 3).catch((e: unknown) => e), 'STORE_APPEND_CONFLICT')).toBe(true);
  });

  it('trims old sessions only once the excess reaches 10 % of the cap', async () => {
    const client = scriptedClient({ won: true, windowSeq: 100 });
    const store = new SqlTrackerStore(client, { maxEventsPerConversation: 100 });
    await store.append('c', [slotEvent('a', 1)], 105); // excess 6 < 10
    expect(client.statements.filter((s) => s.sql.includes('DELETE'))).toHaveLength(0);
    await store.append('c', [slotEvent('a', 1)], 110); // keep from 12: excess 11
    const trims = client.statements.filter((s) => s.sql.includes('DELETE'));
    expect(trims.map((s) => s.params)).toEqual([['c', 12]]);
    // a conversation without session starts is one session: never cut
    const oneSession = scriptedClient({ won: true });
    await new SqlTrackerStore(oneSession, { maxEventsPerConversation: 10 }).append('c', [slotEvent('a', 1)], 500);
    expect(oneSession.statements.filter((s) => s.sql.includes('DELETE'))).toHaveLength(0);
  });

  it('pages through events', async () => {
    const seen: unknown[][] = [];
    const client: SqlClient = {
      query: async <T>(_sql: string, params?: readonly unknown[]) => {
        seen.push([...(params ?? [])]);
        const after = Number(params?.[1]);
        const rows = [after + 1, after + 2].filter((s) => s <= 5).map((seq) => ({ seq, payload: slotEvent('n', seq) }));
        return { rows: rows as T[] };
      },
      transaction: async () => { throw new Error('not used'); },
    };
    const store = new SqlTrackerStore(client, { pageSize: 2 });
    const seqs: number[] = [];
    for await (const e of store.events('c', { sinceSeq: 0 })) seqs.push(e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((p) => p[1])).toEqual([0, 2, 4]);
  });
});
