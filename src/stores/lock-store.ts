// One turn at a time per conversation, in arrival (FIFO) order.
export interface LockStore {
  /**
   * Runs `fn` once every earlier turn of this conversation has finished, and releases the lock
   * however `fn` ends. Turns of different conversations do not wait for each other. A store
   * with a wait timeout rejects with ParleyError LOCK_TIMEOUT (and never runs `fn`) when the
   * lock is not granted in time.
   */
  withLock<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
