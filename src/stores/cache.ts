// A small key-value cache with time-to-live (NLU results, tracker snapshots).
export interface Cache {
  /** The value, or undefined when never set, expired or evicted (a cache may forget early). */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlSeconds`, replacing any earlier value of `key`. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}
