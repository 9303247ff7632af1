// Applies pending schema migrations in version order, all in one transaction, so a failed
// start-up leaves the schema as it was.
import type { SqlClient, SqlQueryable } from './sql-client.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL, type Migration } from './migrations.js';

// one fixed advisory-lock key: several servers starting at once migrate one after another
const MIGRATION_LOCK_KEY = 0x7061726c; // "parl"

export interface MigrateOptions {
  /**
   * A schema to create first, under the same lock: PostgreSQL's CREATE SCHEMA IF NOT EXISTS is
   * not safe against a concurrent one (the loser fails on pg_namespace's unique index).
   * The caller checks that it is a plain identifier.
   */
  createSchema?: string;
}

/** Runs the pending migrations and returns the versions it applied (empty when up to date). */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS, opts: MigrateOptions = {}): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  assertUniqueVersions(ordered);
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    if (opts.createSchema !== undefined) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${opts.createSchema}"`);
    await tx.query(MIGRATIONS_TABLE_SQL);
    const applied = await appliedVersions(tx);
    const pending = ordered.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO parley_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return pending.map((m) => m.version);
  });
}

async function appliedVersions(tx: SqlQueryable): Promise<Set<number>> {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM parley_migrations');
  return new Set(rows.map((r) => Number(r.version)));
}

function assertUniqueVersions(ordered: readonly Migration[]): void {
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1];
    const cur = ordered[i];
    if (prev && cur && prev.version === cur.version) throw new Error(`duplicate migration version ${cur.version}`);
  }
}
