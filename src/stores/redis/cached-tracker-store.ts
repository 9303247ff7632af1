// Write-through cache of each conversation's current session in front of any TrackerStore.
// The inner store stays the truth: every cache call is bounded by a short timeout, and a miss,
// an error or a timeout falls back to the inner store, so a turn never fails because of the
// cache. Degradations are counted and logged (at most every 10 s).
import type { Event } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import { startsSession, lastResetIndex, windowStartIndex } from '../session-window.js';
import type { SnapshotCache } from '../snapshot-cache.js';
import type { StoreLogger } from '../store-logger.js';
import { ThrottledWarnings } from '../throttled-warnings.js';
import type { StoredConversation, StoredEvent, TrackerStore } from '../tracker-store.js';

export interface CachedTrackerStoreOptions {
  /** how long a cache call may take before the inner store is used (default 50 ms) */
  timeoutMs?: number;
  logger?: StoreLogger;
  /** called by close() after the inner store closed (e.g. to close the Redis connection) */
  onClose?: () => Promise<void>;
  /** after a cache failure, reads skip the cache for this long (default 1000 ms); writes still try */
  cooldownMs?: number;
}

export interface CacheStats { hits: number; misses: number; errors: number; timeouts: number; skipped: number }

const TIMED_OUT = Symbol('timed out');
// ioredis's message when a command outlives commandTimeout
const REDIS_COMMAND_TIMEOUT = 'Command timed out';

export class CachedTrackerStore implements TrackerStore {
  readonly stats: CacheStats = { hits: 0, misses: 0, errors: 0, timeouts: 0, skipped: 0 };
  private readonly warnings: ThrottledWarnings;
  private readsResumeAt = 0;
  // conversations whose last cache write may not have landed: read from the inner store next
  private readonly suspect = new Set<string>();

  constructor(readonly inner: TrackerStore, private readonly cache: SnapshotCache, private readonly opts: CachedTrackerStoreOptions = {}) {
    this.warnings = new ThrottledWarnings(opts.logger);
  }

  async retrieve(id: string): Promise<StoredConversation | undefined> {
    const cached = this.skipRead(id) ? undefined : await this.bounded('get', () => this.cache.get(id));
    if (cached) {
      this.stats.hits += 1;
      return cached;
    }
    this.stats.misses += 1;
    const stored = await this.inner.retrieve(id);
    if (stored && !this.cooling() && (await this.bounded('put', async () => { await this.cache.put(id, stored); return true; }))) this.suspect.delete(id);
    return stored;
  }

  retrieveFull(id: string): Promise<StoredConversation | undefined> {
    return this.inner.retrieveFull(id);
  }

  async append(id: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    let newSeq: number;
    try {
      newSeq = await this.inner.append(id, events, expectedSeq);
    } catch (error) {
      // the caller read a state that is not the stored one: maybe from a stale snapshot
      if (isParleyError(error, 'STORE_APPEND_CONFLICT')) await this.bounded('drop', () => this.cache.drop(id));
      throw error;
    }
    if (events.length === 0) return newSeq;
    const written = await this.bounded('advance', async () => { await this.writeThrough(id, events, expectedSeq, newSeq); return true; });
    if (written) this.suspect.delete(id);
    else this.markSuspect(id);
    return newSeq;
  }

  async replace(id: string, events: readonly Event[]): Promise<number> {
    const seq = await this.inner.replace(id, events);
    await this.bounded('put', async () => {
      if (seq === 0) return this.cache.drop(id);
      const start = windowStartIndex(events);
      return this.cache.put(id, { events: [...events.slice(start)], seq, baseSeq: start }, { force: true });
    });
    return seq;
  }

  events(id: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent> {
    return this.inner.events(id, opts);
  }

  conversationIds(): Promise<string[]> {
    return this.inner.conversationIds();
  }

  /** Forgets a conversation's snapshot (after rewriting its stored events). */
  async invalidate(id: string): Promise<void> {
    await this.bounded('drop', () => this.cache.drop(id));
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.cache.close();
      await this.opts.onClose?.();
    }
  }

  private cooling(): boolean {
    return Date.now() < this.readsResumeAt;
  }

  private skipRead(id: string): boolean {
    if (this.suspect.has(id)) return true;
    if (!this.cooling()) return false;
    this.stats.skipped += 1;
    return true;
  }

  private markSuspect(id: string): void {
    // bounded: under a long outage every conversation simply reads through (the set only saves reads)
    if (this.suspect.size >= 10_000) this.suspect.clear();
    this.suspect.add(id);
  }

  private writeThrough(id: string, events: readonly Event[], expectedSeq: number, newSeq: number): Promise<void> {
    const reset = lastResetIndex(events);
    if (expectedSeq === 0) {
      const start = windowStartIndex(events);
      return this.cache.put(id, { events: events.slice(start) as Event[], seq: newSeq, baseSeq: start });
    }
    if (reset < 0) return this.cache.advance(id, expectedSeq, newSeq, JSON.stringify(events));
    // a new session: the window is in this batch, unless its starting action came in an earlier one
    if (reset === 0) return this.cache.advance(id, expectedSeq, newSeq, undefined);
    const start = startsSession(events[reset - 1]) ? reset - 1 : reset;
    return this.cache.put(id, { events: events.slice(start) as Event[], seq: newSeq, baseSeq: expectedSeq + start });
  }

  private async bounded<T>(op: string, fn: () => Promise<T>): Promise<T | undefined> {
    const ownTimeout = this.cache.callTimeoutMs;
    // a cache that bounds its own calls needs no second timer (two fewer timers per turn)
    const selfBounded = ownTimeout !== undefined && ownTimeout <= (this.opts.timeoutMs ?? 50);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = selfBounded ? await fn() : await Promise.race([
        fn(), new Promise<typeof TIMED_OUT>((resolve) => { timer = setTimeout(() => resolve(TIMED_OUT), this.opts.timeoutMs ?? 50); }),
      ]);
      if (result !== TIMED_OUT) return result;
      this.degraded(op, 'timeout');
    } catch (error) {
      const message = (error as Error).message;
      this.degraded(op, message === REDIS_COMMAND_TIMEOUT ? 'timeout' : message);
    } finally {
      clearTimeout(timer);
    }
    return undefined;
  }

  private degraded(op: string, reason: string): void {
    if (reason === 'timeout') this.stats.timeouts += 1;
    else this.stats.errors += 1;
    this.readsResumeAt = Date.now() + (this.opts.cooldownMs ?? 1000);
    this.warnings.warn({ event: 'tracker_store.cache.degraded', op, reason, ...this.stats }, 'tracker cache unavailable; using the tracker store');
  }
}
