// The SQL identity store on the embedded database and on the machine's PostgreSQL, each created
// the way `parley run` creates it: from the tracker store, sharing its connection.
import { afterAll, beforeAll } from 'vitest';
import { freshPostgresSchema, type TestSchema } from '../../../test/support/postgres.js';
import { makeTempDir, type TempDir } from '../../../test/support/temp-dir.js';
import { runIdentityStoreContract } from '../contracts/identity-store.contract.js';
import { identityStoreFor } from '../create-stores.js';
import { EmbeddedTrackerStore } from '../embedded/embedded-tracker-store.js';
import { SqlIdentityStore } from './sql-identity-store.js';

let dir: TempDir;
let embedded: EmbeddedTrackerStore;
let pg: TestSchema;

beforeAll(async () => {
  dir = await makeTempDir('parley-identity-');
  embedded = await EmbeddedTrackerStore.open({ dataDir: dir.path });
  pg = await freshPostgresSchema('parley_identity');
});

afterAll(async () => {
  await embedded.close();
  await dir[Symbol.asyncDispose]();
  await pg[Symbol.asyncDispose]();
});

runIdentityStoreContract('SqlIdentityStore (embedded)', async () => {
  await embedded.database.query('TRUNCATE parley_identities');
  const store = identityStoreFor(embedded);
  if (!(store instanceof SqlIdentityStore)) throw new Error('expected the SQL identity store for the embedded tracker store');
  return { store, dispose: () => store.close() };
});

runIdentityStoreContract('SqlIdentityStore (PostgreSQL)', async () => {
  const trackerStore = await pg.openStore({ poolSize: 2 });
  await pg.admin.query('TRUNCATE parley_identities');
  const store = identityStoreFor(trackerStore);
  if (!(store instanceof SqlIdentityStore)) throw new Error('expected the SQL identity store for the PostgreSQL tracker store');
  return { store, dispose: () => trackerStore.close() };
});
