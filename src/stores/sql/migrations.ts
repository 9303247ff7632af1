// The versioned schema shared by the embedded (PGlite) and PostgreSQL tracker stores. The SQL
// lives in this module rather than in .sql files so it ships inside dist/ with no copy step.
// Never edit a released migration: add the next version.

export interface Migration {
  version: number;
  name: string;
  /** run in order, one statement each (prepared statements cannot hold several) */
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: '001_events',
    statements: [
      // append-only event log; (conversation_id, seq) is also the shard key for Citus-style scale-out
      `CREATE TABLE parley_events (
        conversation_id text NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        type text NOT NULL,
        intent text,
        action text,
        timestamp timestamptz NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      )`,
      // metadata columns are for analytics; the store itself reads only payload
      'CREATE INDEX parley_events_type_idx ON parley_events (type)',
      'CREATE INDEX parley_events_intent_idx ON parley_events (intent) WHERE intent IS NOT NULL',
      'CREATE INDEX parley_events_action_idx ON parley_events (action) WHERE action IS NOT NULL',
      'CREATE INDEX parley_events_timestamp_idx ON parley_events (timestamp)',
    ],
  },
];

/** The bookkeeping table itself is created by the runner, before any migration. */
export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS parley_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
