// A bounded in-process cache: entries expire after their TTL, and when full the least
// recently used entry makes room.
import type { Cache } from '../cache.js';

export interface MemoryCacheOptions {
  /** the most entries kept at once (default 10 000) */
  maxEntries?: number;
  /** clock in milliseconds, injectable so tests need not sleep */
  now?: () => number;
}

interface Entry { value: string; expiresAt: number }

export const DEFAULT_MEMORY_CACHE_ENTRIES = 10_000;

export class MemoryCache implements Cache {
  // a Map iterates in insertion order; re-inserting on every hit makes the first key the LRU
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MEMORY_CACHE_ENTRIES;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${this.maxEntries}`);
    }
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** A TTL that is not a positive number stores nothing (the value would be expired at once). */
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    if (!(ttlSeconds > 0)) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    this.evict();
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  // expired entries are not swept: they age towards the LRU end and are evicted first anyway
  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
