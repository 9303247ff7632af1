// Per-conversation FIFO ticket lock shared by every process on one Redis. A turn takes a
// ticket (atomically, so ticket order is arrival order across processes), waits until its
// ticket heads the queue (woken by pub/sub, with polling as a fallback), and renews its
// ticket's lifetime while it waits and runs, so a crashed process blocks a conversation only
// until its ticket expires. If Redis is unreachable the store falls back to an in-process lock
// (configurable): turns continue, and the tracker store's optimistic concurrency still
// prevents interleaved logs between processes. A release that cannot reach Redis is retried in
// the background, so a ticket left behind by an outage does not hold up the conversation until
// it expires.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ParleyError } from '../../errors.js';
import type { LockOptions, LockStore } from '../lock-store.js';
import { MemoryLockStore } from '../memory/memory-lock-store.js';
import type { StoreLogger } from '../store-logger.js';
import { ThrottledWarnings } from '../throttled-warnings.js';
import { ISSUE, lockKeys, POLL, RELEASE, RELEASE_OWNED, RENEW, type LockKeys } from './lock-scripts.js';
import { closeRedis, connectRedis, openRedis } from './redis-connection.js';

export interface RedisLockStoreOptions {
  url: string;
  keyPrefix?: string;
  /** a ticket's lifetime without renewal (default 60 s) */
  lifetimeSeconds?: number;
  /** a message arriving while a turn runs waits (enqueue, default) or is refused (reject) */
  policy?: 'enqueue' | 'reject';
  waitTimeoutMs?: number;
  /** Redis unreachable: use an in-process lock (default) or fail the turn */
  whenUnavailable?: 'local' | 'fail';
  commandTimeoutMs?: number;
  logger?: StoreLogger;
}

export interface LockStats { granted: number; rejected: number; timeouts: number; degraded: number }

const RELEASE_RETRY_MS = 250;
// tickets being taken back at once; past this they simply expire (bounded work in a long outage)
const MAX_PENDING_RELEASES = 1000;

/** A ticket to take back: by number, or by owner token when ISSUE's reply was lost. */
type TicketRef = { ticket: string } | { token: string };

export class RedisLockStore implements LockStore {
  readonly stats: LockStats = { granted: 0, rejected: 0, timeouts: 0, degraded: 0 };
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly local: MemoryLockStore;
  private readonly lifetimeMs: number;
  private readonly prefix: string;
  // owner tokens: unique per withLock call across processes
  private readonly instance = randomUUID();
  private calls = 0;
  private readonly retries = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly warnings: ThrottledWarnings;

  private constructor(private readonly redis: Redis, private readonly sub: Redis, private readonly opts: RedisLockStoreOptions) {
    this.lifetimeMs = Math.round((opts.lifetimeSeconds ?? 60) * 1000);
    this.prefix = opts.keyPrefix ?? 'parley:';
    this.local = new MemoryLockStore(opts.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: opts.waitTimeoutMs });
    this.warnings = new ThrottledWarnings(opts.logger);
    sub.on('message', (_channel: string, conversationId: string) => this.wake(conversationId));
    sub.on('ready', () => { void sub.subscribe(`${this.prefix}lock:released`).catch(() => undefined); });
  }

  /** Connects (an unreachable Redis is not an error with whenUnavailable: local). */
  static async open(opts: RedisLockStoreOptions): Promise<RedisLockStore> {
    const common = { url: opts.url, commandTimeoutMs: opts.commandTimeoutMs ?? 1000, ...(opts.logger ? { logger: opts.logger } : {}) };
    const redis = openRedis({ ...common, role: 'lock' });
    const sub = openRedis({ ...common, role: 'lock-subscriber' });
    const store = new RedisLockStore(redis, sub, opts);
    const [up] = await Promise.all([connectRedis(redis), connectRedis(sub)]);
    if (!up && opts.whenUnavailable === 'fail') {
      await store.close();
      throw new ParleyError('STORE_UNAVAILABLE', `cannot reach Redis for the lock store at ${redactUrl(opts.url)}`);
    }
    return store;
  }

  async withLock<T>(conversationId: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
    if (this.closed) {
      opts.onQueued?.();
      throw new ParleyError('STORE_UNAVAILABLE', 'the lock store is closed');
    }
    const keys = lockKeys(this.prefix, conversationId);
    let ticket: string;
    let queued = false;
    try {
      ticket = await this.acquire(conversationId, keys, `${this.instance}:${++this.calls}`, () => { queued = true; opts.onQueued?.(); });
    } catch (error) {
      if (error instanceof ParleyError || this.opts.whenUnavailable === 'fail') {
        if (!queued) opts.onQueued?.();
        throw asUnavailable(error);
      }
      return this.degrade(conversationId, fn, error, queued ? {} : opts);
    }
    const renewal = this.renewEvery(keys, ticket, conversationId);
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      await this.release(keys, conversationId, { ticket });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    await this.local.close();
    await Promise.all([closeRedis(this.redis), closeRedis(this.sub)]);
  }

  private async acquire(conversationId: string, keys: LockKeys, token: string, onQueued: () => void): Promise<string> {
    let issued: number;
    // without a connection the command is refused before it is sent (no offline queue)
    const sent = this.redis.status === 'ready';
    try {
      issued = Number(await ISSUE.run(this.redis, [keys.counter, keys.queue], [this.lifetimeMs, this.opts.policy ?? 'enqueue', keys.ticketPrefix, token]));
    } catch (error) {
      // Redis may have issued the ticket and lost only the reply: take it back once it answers
      if (sent) this.releaseLater(keys, conversationId, { token });
      throw error;
    }
    if (issued < 0) {
      this.stats.rejected += 1;
      throw new ParleyError('LOCK_TIMEOUT', `a turn of conversation ${JSON.stringify(conversationId)} is running; the message was refused (policy: reject)`, {
        details: { conversationId, policy: 'reject' },
      });
    }
    const ticket = String(issued);
    onQueued();
    const renewal = this.renewEvery(keys, ticket, conversationId);
    try {
      await this.waitForTurn(conversationId, keys, ticket);
    } catch (error) {
      await this.release(keys, conversationId, { ticket });
      throw error;
    } finally {
      clearInterval(renewal);
    }
    this.stats.granted += 1;
    return ticket;
  }

  private async release(keys: LockKeys, conversationId: string, ref: { ticket: string }): Promise<void> {
    try {
      await this.releaseOnce(keys, conversationId, ref);
    } catch {
      this.releaseLater(keys, conversationId, ref);
    }
  }

  private releaseOnce(keys: LockKeys, conversationId: string, ref: TicketRef): Promise<unknown> {
    const rest = [keys.ticketPrefix, keys.channel, conversationId];
    return 'ticket' in ref
      ? RELEASE.run(this.redis, [keys.queue], [ref.ticket, ...rest])
      : RELEASE_OWNED.run(this.redis, [keys.queue], [ref.token, ...rest]);
  }

  /** Keeps trying in the background until Redis answers or the ticket has expired by itself. */
  private releaseLater(keys: LockKeys, conversationId: string, ref: TicketRef): void {
    const giveUpAt = Date.now() + this.lifetimeMs;
    const schedule = (): void => {
      if (this.closed || Date.now() > giveUpAt || this.retries.size >= MAX_PENDING_RELEASES) return;
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        this.releaseOnce(keys, conversationId, ref).catch(schedule);
      }, RELEASE_RETRY_MS);
      timer.unref();
      this.retries.add(timer);
    };
    schedule();
  }

  private async waitForTurn(conversationId: string, keys: LockKeys, ticket: string): Promise<void> {
    const deadline = this.opts.waitTimeoutMs === undefined ? Infinity : Date.now() + this.opts.waitTimeoutMs;
    for (let backoff = 5; ; backoff = Math.min(backoff * 2, 100)) {
      const state = Number(await POLL.run(this.redis, [keys.queue], [ticket, keys.ticketPrefix]));
      if (state === 1) return;
      if (state < 0) throw new ParleyError('LOCK_TIMEOUT', `the lock ticket of conversation ${JSON.stringify(conversationId)} expired while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) {
        this.stats.timeouts += 1;
        throw new ParleyError('LOCK_TIMEOUT', `waited ${this.opts.waitTimeoutMs} ms for the lock of conversation ${JSON.stringify(conversationId)}`, {
          details: { conversationId, waitTimeoutMs: this.opts.waitTimeoutMs },
        });
      }
      await this.notifiedOr(conversationId, Math.min(backoff, left));
    }
  }

  /** Resolves on a release notice for the conversation, or after `ms`. */
  private notifiedOr(conversationId: string, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let set = this.waiters.get(conversationId);
      if (!set) this.waiters.set(conversationId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(conversationId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  private wake(conversationId: string): void {
    for (const done of [...(this.waiters.get(conversationId) ?? [])]) done();
  }

  private renewEvery(keys: LockKeys, ticket: string, conversationId: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      RENEW.run(this.redis, [keys.counter, keys.queue], [ticket, keys.ticketPrefix, this.lifetimeMs]).then((ok) => {
        if (Number(ok) === 0) this.opts.logger?.warn({ event: 'lock_store.ticket_expired', conversation_id: conversationId }, 'a lock ticket expired before its turn ended');
      }, () => undefined);
    }, Math.max(50, Math.floor(this.lifetimeMs / 3)));
    timer.unref();
    return timer;
  }

  private degrade<T>(conversationId: string, fn: () => Promise<T>, error: unknown, opts: LockOptions): Promise<T> {
    this.stats.degraded += 1;
    this.warnings.warn({ event: 'lock_store.degraded', conversation_id: conversationId, err: (error as Error).message }, 'Redis unreachable: using an in-process lock');
    return this.local.withLock(conversationId, fn, opts);
  }
}

function asUnavailable(error: unknown): unknown {
  if (error instanceof ParleyError) return error;
  return new ParleyError('STORE_UNAVAILABLE', `the Redis lock store failed: ${(error as Error).message}`, { cause: error });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
