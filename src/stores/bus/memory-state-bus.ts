// The state bus of a single process: delivery in the same process, on the next tick (as Redis
// would), so a publisher never runs subscriber code synchronously.
import { ListenerRegistry } from './listener-registry.js';
import type { BusListener, StateBus } from './state-bus.js';

export class MemoryStateBus implements StateBus {
  private readonly listeners = new ListenerRegistry();

  async publish(conversationId: string, message: string): Promise<void> {
    setImmediate(() => this.listeners.deliver(conversationId, message, () => undefined));
  }

  subscribe(conversationId: string, listener: BusListener): () => void {
    this.listeners.add(conversationId, listener);
    return () => { this.listeners.remove(conversationId, listener); };
  }

  async close(): Promise<void> { this.listeners.clear(); }
}
