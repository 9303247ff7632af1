// Listeners per conversation id, shared by the bus implementations.
import type { BusListener } from './state-bus.js';

export class ListenerRegistry {
  private readonly byId = new Map<string, Set<BusListener>>();

  /** true when this was the first listener of the id */
  add(id: string, listener: BusListener): boolean {
    let set = this.byId.get(id);
    const first = set === undefined;
    if (!set) this.byId.set(id, (set = new Set()));
    set.add(listener);
    return first;
  }

  /** true when this was the last listener of the id */
  remove(id: string, listener: BusListener): boolean {
    const set = this.byId.get(id);
    if (!set?.delete(listener)) return false;
    if (set.size > 0) return false;
    this.byId.delete(id);
    return true;
  }

  /** A listener that throws must not keep the others from their message. */
  deliver(id: string, message: string, onError: (err: unknown) => void): void {
    for (const listener of [...(this.byId.get(id) ?? [])]) {
      try {
        listener(message);
      } catch (err) {
        onError(err);
      }
    }
  }

  ids(): string[] { return [...this.byId.keys()]; }

  clear(): void { this.byId.clear(); }
}
