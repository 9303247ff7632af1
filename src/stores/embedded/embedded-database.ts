// PGlite (PostgreSQL compiled to WebAssembly) in a data directory, as a SqlClient. Opening
// takes seconds and two instances must never share a directory, so each directory is opened
// once per process and shared, reference-counted, by everyone who asks for it.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { ParleyError } from '../../errors.js';
import { migrate } from '../sql/migrate.js';
import type { SqlClient, SqlResult } from '../sql/sql-client.js';

export interface EmbeddedDatabase extends SqlClient {
  readonly dataDir: string;
  /** Releases this handle; the engine closes when the last handle is released. */
  close(): Promise<void>;
}

interface Shared { db: Promise<PGlite>; refs: number }

const open = new Map<string, Shared>();
// a directory being closed must not be reopened until the old engine has let go of it
const closing = new Map<string, Promise<void>>();

/** Opens (or joins) the database in `dataDir`, creating the directory and schema if missing. */
export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir);
  let shared = open.get(dir);
  if (!shared) {
    shared = { db: startDatabase(dir), refs: 0 };
    open.set(dir, shared);
  }
  shared.refs += 1;
  try {
    return handle(dir, shared, await shared.db);
  } catch (error) {
    await release(dir, shared);
    throw error;
  }
}

async function startDatabase(dir: string): Promise<PGlite> {
  try {
    await closing.get(dir);
    await mkdir(dir, { recursive: true });
    const db = await PGlite.create(dir);
    await migrate(adapt(db));
    return db;
  } catch (error) {
    throw new ParleyError('STORE_UNAVAILABLE', `cannot open the embedded database in ${dir}`, { cause: error });
  }
}

function handle(dir: string, shared: Shared, db: PGlite): EmbeddedDatabase {
  let released = false;
  return {
    ...adapt(db),
    dataDir: dir,
    async close() {
      if (released) return;
      released = true;
      await release(dir, shared);
    },
  };
}

async function release(dir: string, shared: Shared): Promise<void> {
  shared.refs -= 1;
  if (shared.refs > 0) return;
  if (open.get(dir) === shared) open.delete(dir);
  const done = shared.db.then((db) => (db.closed ? undefined : db.close()), () => undefined)
    .finally(() => { if (closing.get(dir) === done) closing.delete(dir); });
  closing.set(dir, done);
  await done;
}

function adapt(db: PGlite): SqlClient {
  return {
    query: (sql, params) => runQuery(db, sql, params),
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => runQuery(tx, sql, params) })),
  };
}

async function runQuery<T>(target: Pick<Transaction, 'query'>, sql: string, params?: readonly unknown[]): Promise<SqlResult<T>> {
  const result = await target.query<T>(sql, params ? [...params] : undefined);
  return { rows: result.rows, ...(result.affectedRows === undefined ? {} : { rowCount: result.affectedRows }) };
}
