// Disposable PostgreSQL schemas for integration tests: each test file works in a schema of
// its own on the machine's server (PARLEY_TEST_PG_URL, default the local `test` database).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresTrackerStore } from '../../src/stores/postgres/postgres-tracker-store.js';

export const TEST_PG_URL = process.env['PARLEY_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  schema: string;
  url: string;
  /** an admin pool with the schema on its search_path, for assertions */
  admin: pg.Pool;
  /** a store over its own pool in this schema (migrated) */
  openStore(opts?: { poolSize?: number; maxEventsPerConversation?: number }): Promise<PostgresTrackerStore>;
  /** empties the store tables (between tests sharing the schema) */
  truncate(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function freshPostgresSchema(prefix = 'parley_test'): Promise<TestSchema> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: TEST_PG_URL, max: 4, options: `-c search_path=${schema}` });
  admin.on('error', () => undefined);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const stores: PostgresTrackerStore[] = [];
  return {
    schema, url: TEST_PG_URL, admin,
    async openStore(opts = {}) {
      const store = await PostgresTrackerStore.open({ url: TEST_PG_URL, schema, poolSize: opts.poolSize ?? 5,
        ...(opts.maxEventsPerConversation !== undefined ? { maxEventsPerConversation: opts.maxEventsPerConversation } : {}) });
      stores.push(store);
      return store;
    },
    async truncate() {
      await admin.query('TRUNCATE parley_events, parley_conversations');
    },
    async [Symbol.asyncDispose]() {
      for (const s of stores.splice(0)) await s.close().catch(() => undefined);
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}
