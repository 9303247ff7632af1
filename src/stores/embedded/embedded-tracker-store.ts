// The default tracker store of `parley run`: the SQL store over an embedded PostgreSQL
// (PGlite) in a data directory, so a restarted server continues its conversations without
// any database server.
import { SqlTrackerStore } from '../sql/sql-tracker-store.js';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

/** The SQL store over PGlite: only construction differs, so it is the SQL store itself. */
export class EmbeddedTrackerStore extends SqlTrackerStore {
  /** Takes ownership of `database`: close() releases it. */
  constructor(readonly database: EmbeddedDatabase) {
    super(database, { onClose: () => database.close() });
  }

  /** Opens the store in `dataDir` (created if missing); the first open in a process takes seconds. */
  static async open(opts: { dataDir: string }): Promise<EmbeddedTrackerStore> {
    return new EmbeddedTrackerStore(await openEmbeddedDatabase(opts.dataDir));
  }
}
