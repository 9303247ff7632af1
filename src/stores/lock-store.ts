// One turn at a time per conversation, in arrival (FIFO) order.
export interface LockStore {
  withLock<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
