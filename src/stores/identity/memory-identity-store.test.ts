import { runIdentityStoreContract } from '../contracts/identity-store.contract.js';
import { MemoryIdentityStore } from './memory-identity-store.js';

runIdentityStoreContract('MemoryIdentityStore', async () => {
  const store = new MemoryIdentityStore();
  return { store, dispose: () => store.close() };
});
