// The default tracker store of `parley run`: the SQL store over an embedded PostgreSQL
// (PGlite) in a data directory, so a restarted server continues its conversations without
// any database server.
import type { Event } from '../../core/index.js';
import { SqlTrackerStore } from '../sql/sql-tracker-store.js';
import type { EventRewriter, PrunableStore, StoredConversation, StoredEvent, TrackerStore } from '../tracker-store.js';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

export class EmbeddedTrackerStore implements TrackerStore, EventRewriter, PrunableStore {
  private readonly store: SqlTrackerStore;

  /** Takes ownership of `database`: close() releases it. */
  constructor(readonly database: EmbeddedDatabase) {
    this.store = new SqlTrackerStore(database, { onClose: () => database.close() });
  }

  /** Opens the store in `dataDir` (created if missing); the first open in a process takes seconds. */
  static async open(opts: { dataDir: string }): Promise<EmbeddedTrackerStore> {
    return new EmbeddedTrackerStore(await openEmbeddedDatabase(opts.dataDir));
  }

  retrieve(conversationId: string): Promise<StoredConversation | undefined> {
    return this.store.retrieve(conversationId);
  }

  retrieveFull(conversationId: string): Promise<StoredConversation | undefined> {
    return this.store.retrieveFull(conversationId);
  }

  append(conversationId: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    return this.store.append(conversationId, events, expectedSeq);
  }

  replace(conversationId: string, events: readonly Event[]): Promise<number> {
    return this.store.replace(conversationId, events);
  }

  events(conversationId: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent> {
    return this.store.events(conversationId, opts);
  }

  conversationIds(): Promise<string[]> {
    return this.store.conversationIds();
  }

  rewriteEvents(conversationId: string, fn: (e: StoredEvent) => Event | undefined): Promise<number> {
    return this.store.rewriteEvents(conversationId, fn);
  }

  prune(opts: { olderThanSeconds: number }): Promise<number> {
    return this.store.prune(opts);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
