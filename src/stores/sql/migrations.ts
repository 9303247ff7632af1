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
  {
    version: 2,
    name: '002_conversations',
    statements: [
      // one row per conversation: the head seq (the compare-and-set target of an append), where
      // the current session starts (so a turn loads only that), the oldest retained seq (cap)
      // and the time of the last append (retention, to the minute); fillfactor leaves room on
      // the page so the per-turn update of this row is a HOT update
      `CREATE TABLE parley_conversations (
        conversation_id text PRIMARY KEY,
        seq integer NOT NULL CHECK (seq > 0),
        window_seq integer NOT NULL DEFAULT 0,
        first_seq integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      ) WITH (fillfactor = 70)`,
      'CREATE INDEX parley_conversations_updated_at_idx ON parley_conversations (updated_at)',
      `INSERT INTO parley_conversations (conversation_id, seq, window_seq, first_seq, updated_at)
        SELECT conversation_id, max(seq),
          coalesce(max(seq) FILTER (WHERE type IN ('session_started', 'restart')), 0),
          min(seq), max(timestamp)
        FROM parley_events GROUP BY conversation_id`,
    ],
  },
  {
    version: 3,
    name: '003_identities',
    statements: [
      // several channel user ids (openid, web login) continue one conversation
      `CREATE TABLE parley_identities (
        channel_user_id text PRIMARY KEY,
        conversation_id text NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX parley_identities_conversation_idx ON parley_identities (conversation_id)',
    ],
  },
  {
    version: 4,
    name: '004_head_without_seq',
    statements: [
      // an append no longer moves a head seq: the events' primary key is the compare-and-set
      // (see append-statement.ts), and the head seq is the newest event's seq
      'ALTER TABLE parley_conversations DROP COLUMN seq',
    ],
  },
];

/** The bookkeeping table itself is created by the runner, before any migration. */
export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS parley_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
