// The little SQL surface the stores need, so the embedded engine (PGlite) and PostgreSQL
// (`pg`) are each just an adapter: the store and migrations are written once.

export interface SqlResult<T> {
  rows: T[];
  /** rows written by an INSERT, UPDATE or DELETE */
  rowCount?: number;
}

export interface QueryOptions {
  /**
   * Names a statement whose text never changes, so a driver that can (pg) prepares it once per
   * connection instead of parsing and planning it on every call. Ignored where it does not apply.
   */
  name?: string;
}

/** Something that runs one SQL statement with `$1…$n` parameters: a client or a transaction. */
export interface SqlQueryable {
  query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>>;
}

export interface SqlClient extends SqlQueryable {
  /**
   * Runs `fn` in one transaction on one connection: committed when `fn` resolves, rolled back
   * when it throws (the error is re-thrown unchanged, so callers can still read its `code`).
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** PostgreSQL's SQLSTATE for a unique or primary key violation. */
export const UNIQUE_VIOLATION = '23505';

/** True for a driver error carrying the given SQLSTATE (both `pg` and PGlite expose `code`). */
export function hasSqlState(error: unknown, sqlState: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === sqlState;
}
