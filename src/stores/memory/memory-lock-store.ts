// Per-conversation FIFO locks for one process: turns of one conversation run one at a time
// in arrival order; different conversations never wait for each other.
import { ParleyError } from '../../errors.js';
import type { LockOptions, LockStore } from '../lock-store.js';

export interface MemoryLockStoreOptions {
  /** give up with LOCK_TIMEOUT after waiting this long for the lock; waits forever when unset */
  waitTimeoutMs?: number;
}

interface Waiter { grant: () => void }

/** A conversation with a running turn; `queue` holds the turns waiting behind it, oldest first. */
interface Entry { queue: Waiter[] }

export class MemoryLockStore implements LockStore {
  // only conversations with a running turn have an entry, so memory is bounded by activity
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly options: MemoryLockStoreOptions = {}) {}

  async withLock<T>(conversationId: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
    if (this.closed) {
      opts.onQueued?.();
      throw new ParleyError('STORE_UNAVAILABLE', 'the lock store is closed');
    }
    const granted = this.acquire(conversationId);
    opts.onQueued?.();
    await granted;
    try {
      return await fn();
    } finally {
      this.release(conversationId);
    }
  }

  /** Turns already running or queued still complete; new ones are refused. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Number of conversations with a running turn (for tests and metrics). */
  get activeConversations(): number {
    return this.entries.size;
  }

  private acquire(conversationId: string): Promise<void> {
    const entry = this.entries.get(conversationId);
    if (!entry) {
      this.entries.set(conversationId, { queue: [] });
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timeoutMs = this.options.waitTimeoutMs;
      const waiter: Waiter = { grant: resolve };
      entry.queue.push(waiter);
      if (timeoutMs === undefined) return;
      const timer = setTimeout(() => {
        // leaving the queue is enough: release() never grants a waiter that is not in it
        const i = entry.queue.indexOf(waiter);
        if (i >= 0) entry.queue.splice(i, 1);
        reject(new ParleyError('LOCK_TIMEOUT', `waited ${timeoutMs} ms for the lock of conversation ${JSON.stringify(conversationId)}`, {
          details: { conversationId, waitTimeoutMs: timeoutMs },
        }));
      }, timeoutMs);
      waiter.grant = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private release(conversationId: string): void {
    const entry = this.entries.get(conversationId);
    if (!entry) return;
    const next = entry.queue.shift();
    // the entry stays while the next turn runs; the last turn out removes it
    if (next) next.grant();
    else this.entries.delete(conversationId);
  }
}
