// The SQL store against a scripted client, for the paths one embedded connection cannot reach.
import { describe, expect, it } from 'vitest';
import { slotEvent } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import type { SqlClient, SqlQueryable, SqlResult } from './sql-client.js';
import { SqlTrackerStore } from './sql-tracker-store.js';

/** A client that reports `currentSeq` as the stored max(seq) and fails INSERTs with `insertError`. */
function scriptedClient(opts: { currentSeq: number; insertError?: unknown }): SqlClient & { statements: string[] } {
  const statements: string[] = [];
  const query = async <T>(sql: string): Promise<SqlResult<T>> => {
    statements.push(sql);
    if (sql.includes('max(seq)')) return { rows: [{ seq: opts.currentSeq }] as T[] };
    if (sql.startsWith('INSERT') && opts.insertError !== undefined) throw opts.insertError;
    return { rows: [] };
  };
  return { statements, query, transaction: <T>(fn: (tx: SqlQueryable) => Promise<T>) => fn({ query }) };
}

describe('SqlTrackerStore', () => {
  it('turns a primary-key violation from a racing writer into STORE_APPEND_CONFLICT', async () => {
    const pkError = Object.assign(new Error('duplicate key value'), { code: '23505' });
    const store = new SqlTrackerStore(scriptedClient({ currentSeq: 3, insertError: pkError }));
    const error = await store.append('c', [slotEvent('a', 1)], 3).catch((e: unknown) => e);
    expect(isParleyError(error, 'STORE_APPEND_CONFLICT')).toBe(true);
    expect((error as Error).cause).toBe(pkError);
  });

  it('passes other database errors through', async () => {
    const other = Object.assign(new Error('disk full'), { code: '53100' });
    const store = new SqlTrackerStore(scriptedClient({ currentSeq: 3, insertError: other }));
    await expect(store.append('c', [slotEvent('a', 1)], 3)).rejects.toBe(other);
  });

  it('writes a turn with one INSERT', async () => {
    const client = scriptedClient({ currentSeq: 0 });
    const store = new SqlTrackerStore(client);
    expect(await store.append('c', [slotEvent('a', 1), slotEvent('b', 2), slotEvent('c', 3)], 0)).toBe(3);
    expect(client.statements.filter((s) => s.startsWith('INSERT'))).toHaveLength(1);
    const stale = await store.append('c', [slotEvent('d', 4)], 3).catch((e: unknown) => e);
    expect(isParleyError(stale, 'STORE_APPEND_CONFLICT')).toBe(true);
    expect(client.statements.filter((s) => s.startsWith('INSERT'))).toHaveLength(1);
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
