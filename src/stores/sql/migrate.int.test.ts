// The migration runner against a real (in-memory) PGlite engine.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import type { SqlClient } from './sql-client.js';

let db: PGlite;
let client: SqlClient;

beforeAll(async () => {
  db = await PGlite.create();
  client = {
    query: async (sql, params) => ({ rows: (await db.query(sql, params ? [...params] : undefined)).rows as never[] }),
    transaction: (fn) => db.transaction((tx) => fn({ query: async (sql, params) => ({ rows: (await tx.query(sql, params ? [...params] : undefined)).rows as never[] }) })),
  };
});
afterAll(async () => { await db.close(); });

describe('migrate', () => {
  it('applies pending migrations once, in version order', async () => {
    expect(await migrate(client)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(client)).toEqual([]);
    const { rows } = await client.query<{ version: number; name: string }>('SELECT version, name FROM parley_migrations ORDER BY version');
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const columns = await client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'parley_events' ORDER BY ordinal_position");
    expect(columns.rows.map((c) => c.column_name)).toEqual(['conversation_id', 'seq', 'type', 'intent', 'action', 'timestamp', 'payload']);
  });

  it('applies later versions given out of order, after the ones already applied', async () => {
    const later: Migration[] = [
      { version: 103, name: '103_c', statements: ['ALTER TABLE parley_t ADD COLUMN c int'] },
      { version: 102, name: '102_t', statements: ['CREATE TABLE parley_t (a int)'] },
    ];
    expect(await migrate(client, [...MIGRATIONS, ...later])).toEqual([102, 103]);
  });

  it('rolls back everything when one migration fails', async () => {
    const broken: Migration[] = [
      { version: 110, name: '110_ok', statements: ['CREATE TABLE parley_ok (a int)'] },
      { version: 111, name: '111_bad', statements: ['CREATE TABLE parley_events (a int)'] },
    ];
    await expect(migrate(client, [...MIGRATIONS, ...broken])).rejects.toThrow();
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'parley_ok'");
    expect(rows[0]?.n).toBe(0);
    const versions = await client.query<{ version: number }>('SELECT version FROM parley_migrations WHERE version >= 110');
    expect(versions.rows).toEqual([]);
  });

  it('refuses duplicate versions', async () => {
    const dup: Migration = { version: 1, name: '001_again', statements: [] };
    await expect(migrate(client, [...MIGRATIONS, dup])).rejects.toThrow('duplicate migration version 1');
  });
});
