// The tracker store on a PostgreSQL server: the SQL store over a `pg` Pool, with the schema
// migrated at start-up (several servers starting at once migrate one after another).
import pg from 'pg';
import { ParleyError } from '../../errors.js';
import type { StoreLogger } from '../store-logger.js';
import { migrate } from '../sql/migrate.js';
import { MIGRATIONS } from '../sql/migrations.js';
import type { SqlClient } from '../sql/sql-client.js';
import { SqlTrackerStore } from '../sql/sql-tracker-store.js';
import { pgSqlClient } from './pg-sql-client.js';

export interface PostgresTrackerStoreOptions {
  /** postgres://user:pass@host:port/db */
  url: string;
  poolSize?: number;
  /** a schema of its own (created if missing); default: the server's search_path */
  schema?: string;
  maxEventsPerConversation?: number;
  logger?: StoreLogger;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The SQL store over a `pg` Pool: only construction differs, so it is the SQL store itself. */
export class PostgresTrackerStore extends SqlTrackerStore {
  /** the pool as a SqlClient, for companions sharing the database (identity links) */
  readonly sqlClient: SqlClient;

  /** Takes ownership of `pool` (close() ends it); the schema must be migrated (see open()). */
  constructor(readonly pool: pg.Pool, opts: { maxEventsPerConversation?: number } = {}) {
    const sqlClient = pgSqlClient(pool);
    let ended = false; // pg refuses a second end()
    super(sqlClient, {
      ...opts,
      onClose: async () => {
        if (ended) return;
        ended = true;
        await pool.end();
      },
    });
    this.sqlClient = sqlClient;
  }

  /** Connects, creates the schema if asked, applies pending migrations. */
  static async open(opts: PostgresTrackerStoreOptions): Promise<PostgresTrackerStore> {
    if (opts.schema !== undefined && !IDENTIFIER.test(opts.schema)) {
      throw new ParleyError('CONFIG_INVALID', `PostgreSQL schema name ${JSON.stringify(opts.schema)} is not a plain identifier`);
    }
    const pool = new pg.Pool({
      connectionString: opts.url, max: opts.poolSize ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // an idle connection killed by the server emits here; without a listener the process dies
    pool.on('error', (error) => opts.logger?.warn({ event: 'store.postgres.idle_client_error', err: error.message }, 'PostgreSQL dropped an idle connection'));
    try {
      await migrate(pgSqlClient(pool), MIGRATIONS, opts.schema ? { createSchema: opts.schema } : {});
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new ParleyError('STORE_UNAVAILABLE', `cannot open the PostgreSQL tracker store: ${(error as Error).message}`, { cause: error });
    }
    return new PostgresTrackerStore(pool, opts.maxEventsPerConversation === undefined ? {} : { maxEventsPerConversation: opts.maxEventsPerConversation });
  }
}
