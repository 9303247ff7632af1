// The `pg` Pool as a SqlClient: the SQL store and migrations run on it unchanged.
import type { Pool, PoolClient } from 'pg';
import type { QueryOptions, SqlClient, SqlQueryable, SqlResult } from '../sql/sql-client.js';

function queryable(target: Pool | PoolClient): SqlQueryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>> {
      const values = params ? [...params] : undefined;
      const result = options?.name ? await target.query({ name: options.name, text: sql, values }) : await target.query(sql, values);
      return { rows: result.rows as T[], ...(result.rowCount === null ? {} : { rowCount: result.rowCount }) };
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
