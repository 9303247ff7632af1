// The `pg` Pool as a SqlClient: the SQL store and migrations run on it unchanged.
import type { Pool, PoolClient } from 'pg';
import type { SqlClient, SqlQueryable, SqlResult } from '../sql/sql-client.js';

function queryable(target: Pool | PoolClient): SqlQueryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>> {
      const result = await target.query(sql, params ? [...params] : undefined);
      return { rows: result.rows as T[] };
    },
  };
}

export function pgSqlClient(pool: Pool): SqlClient {
  return {
    ...queryable(pool),
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError; // the connection is gone: do not hand it back to the pool
        }
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
  };
}
