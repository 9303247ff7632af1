import { runStateBusContract } from '../contracts/state-bus.contract.js';
import { MemoryStateBus } from './memory-state-bus.js';

runStateBusContract('MemoryStateBus', async () => {
  const bus = new MemoryStateBus();
  return { buses: [bus, bus], ready: async () => {}, dispose: () => bus.close() };
});
