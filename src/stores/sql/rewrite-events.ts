// Rewrites stored payloads in place (key rotation), one conversation per transaction, with
// its rows locked so a concurrent rewrite cannot lose an update.
import type { Event } from '../../core/index.js';
import type { StoredEvent } from '../tracker-store.js';
import { eventFromPayload } from './event-rows.js';
import type { SqlClient } from './sql-client.js';

export async function rewriteConversation(client: SqlClient, conversationId: string, fn: (e: StoredEvent) => Event | undefined): Promise<number> {
  return client.transaction(async (tx) => {
    const { rows } = await tx.query<{ seq: number; payload: unknown }>(
      'SELECT seq, payload FROM parley_events WHERE conversation_id = $1 ORDER BY seq FOR UPDATE', [conversationId]);
    let rewritten = 0;
    for (const r of rows) {
      const next = fn({ seq: Number(r.seq), event: eventFromPayload(r.payload) });
      if (next === undefined) continue;
      await tx.query('UPDATE parley_events SET payload = $3::jsonb WHERE conversation_id = $1 AND seq = $2',
        [conversationId, Number(r.seq), JSON.stringify(next)]);
      rewritten += 1;
    }
    return rewritten;
  });
}
