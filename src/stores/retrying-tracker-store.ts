// Retries a store call that failed for a transient reason (connection dropped, server
// restarting, serialization failure), with exponential backoff and full jitter, at most
// `attempts` times in all. Conflicts and other errors pass through at once.
import { isDeepStrictEqual } from 'node:util';
import type { Event } from '../core/index.js';
import { ParleyError, isParleyError } from '../errors.js';
import { jsonCopy } from './json-copy.js';
import type { StoreLogger } from './store-logger.js';
import { isTransientStoreError } from './transient-error.js';
import type { StoredConversation, StoredEvent, TrackerStore } from './tracker-store.js';

export interface RetryOptions {
  /** tries in all, including the first (default 5) */
  attempts?: number;
  /** the first backoff ceiling in ms, doubled each retry (default 100) */
  baseDelayMs?: number;
  /** the largest backoff ceiling (default 1000) */
  maxDelayMs?: number;
  logger?: StoreLogger;
  /** called before each retry (for metrics) */
  onRetry?: (operation: string) => void;
  /** injectable for tests */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class RetryingTrackerStore implements TrackerStore {
  /** how many retries were made (for metrics) */
  retries = 0;

  constructor(readonly inner: TrackerStore, private readonly opts: RetryOptions = {}) {}

  retrieve(id: string): Promise<StoredConversation | undefined> {
    return this.retry('retrieve', () => this.inner.retrieve(id));
  }

  retrieveFull(id: string): Promise<StoredConversation | undefined> {
    return this.retry('retrieve_full', () => this.inner.retrieveFull(id));
  }

  /**
   * A commit whose reply was lost looks like a failure; its retry then meets its own events as
   * a conflict. Those are recognised by content and counted as success, not written twice.
   */
  async append(id: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    let failedBefore = false;
    return this.retry('append', async () => {
      try {
        return await this.inner.append(id, events, expectedSeq);
      } catch (error) {
        if (failedBefore && isParleyError(error, 'STORE_APPEND_CONFLICT') && (await this.alreadyStored(id, events, expectedSeq))) {
          return expectedSeq + events.length;
        }
        failedBefore = true;
        throw error;
      }
    });
  }

  replace(id: string, events: readonly Event[]): Promise<number> {
    return this.retry('replace', () => this.inner.replace(id, events));
  }

  events(id: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent> {
    return this.inner.events(id, opts);
  }

  conversationIds(): Promise<string[]> {
    return this.retry('conversation_ids', () => this.inner.conversationIds());
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async alreadyStored(id: string, events: readonly Event[], expectedSeq: number): Promise<boolean> {
    const stored: Event[] = [];
    for await (const e of this.inner.events(id, { sinceSeq: expectedSeq })) {
      stored.push(e.event);
      if (stored.length >= events.length) break;
    }
    return stored.length === events.length && isDeepStrictEqual(stored, jsonCopy([...events]));
  }

  private async retry<T>(op: string, fn: () => Promise<T>): Promise<T> {
    const attempts = Math.max(1, this.opts.attempts ?? 5);
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!isTransientStoreError(error)) throw error;
        if (attempt >= attempts) {
          throw new ParleyError('STORE_UNAVAILABLE', `tracker store ${op} failed ${attempts} times: ${(error as Error).message}`, { cause: error });
        }
        this.retries += 1;
        this.opts.onRetry?.(op);
        const delay = this.backoff(attempt);
        this.opts.logger?.warn({ event: 'store.tracker.retry', op, attempt, delay_ms: delay, err: (error as Error).message }, 'retrying a tracker store call');
        await (this.opts.sleep ?? sleep)(delay);
      }
    }
  }

  /** full jitter: uniform in [0, min(max, base * 2^(attempt-1))] */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.opts.maxDelayMs ?? 1000, (this.opts.baseDelayMs ?? 100) * 2 ** (attempt - 1));
    return Math.round((this.opts.random ?? Math.random)() * ceiling);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
