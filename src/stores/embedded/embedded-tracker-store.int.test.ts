import { afterAll, beforeAll } from 'vitest';
import { makeTempDir, type TempDir } from '../../../test/support/temp-dir.js';
import { runTrackerStoreContract } from '../contracts/tracker-store.contract.js';
import { EmbeddedTrackerStore } from './embedded-tracker-store.js';

// Opening PGlite takes seconds, so the file shares one store and empties it between tests.
let dir: TempDir;
let store: EmbeddedTrackerStore;

beforeAll(async () => {
  dir = await makeTempDir('parley-embedded-');
  store = await EmbeddedTrackerStore.open({ dataDir: dir.path });
});

afterAll(async () => {
  await store.close();
  await dir[Symbol.asyncDispose]();
});

runTrackerStoreContract('EmbeddedTrackerStore', async () => {
  await store.database.query('TRUNCATE parley_events, parley_conversations');
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await EmbeddedTrackerStore.open({ dataDir: dir.path });
      return store;
    },
    [Symbol.asyncDispose]: async () => {},
  };
});
