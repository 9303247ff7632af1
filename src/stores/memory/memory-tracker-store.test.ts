import { runTrackerStoreContract } from '../contracts/tracker-store.contract.js';
import { MemoryTrackerStore } from './memory-tracker-store.js';

runTrackerStoreContract('MemoryTrackerStore', async () => {
  const store = new MemoryTrackerStore();
  return { store, [Symbol.asyncDispose]: () => store.close() };
});
