// One turn at a time per conversation, in arrival (FIFO) order.
export interface LockOptions {
  /**
   * Called once the turn holds its place in the conversation's queue, before it waits (or when
   * it could not get one). A caller keeping its own arrival order lets the next message in then.
   */
  onQueued?: () => void;
}

export interface LockStore {
  /**
   * Runs `fn` once every earlier turn of this conversation has finished, and releases the lock
   * however `fn` ends. Turns of different conversations do not wait for each other. A store
   * with a wait timeout rejects with ParleyError LOCK_TIMEOUT (and never runs `fn`) when the
   * lock is not granted in time.
   */
  withLock<T>(conversationId: string, fn: () => Promise<T>, opts?: LockOptions): Promise<T>;
  close(): Promise<void>;
}
