// Identity links in the tracker store's database (embedded or PostgreSQL): the
// `parley_identities` table of migration 003. Shares the tracker store's SqlClient, so it
// needs no connection of its own and no close of its own.
import type { SqlQueryable } from '../sql/sql-client.js';
import type { IdentityStore } from './identity-store.js';

export class SqlIdentityStore implements IdentityStore {
  constructor(private readonly sql: SqlQueryable) {}

  async link(channelUserId: string, conversationId: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO parley_identities (channel_user_id, conversation_id) VALUES ($1, $2)
       ON CONFLICT (channel_user_id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, linked_at = now()`,
      [channelUserId, conversationId],
    );
  }

  async resolve(channelUserId: string): Promise<string | undefined> {
    const { rows } = await this.sql.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM parley_identities WHERE channel_user_id = $1', [channelUserId]);
    return rows[0]?.conversation_id;
  }

  async unlink(channelUserId: string): Promise<boolean> {
    const { rows } = await this.sql.query<{ channel_user_id: string }>(
      'DELETE FROM parley_identities WHERE channel_user_id = $1 RETURNING channel_user_id', [channelUserId]);
    return rows.length > 0;
  }

  // the connection belongs to the tracker store
  async close(): Promise<void> {}
}
