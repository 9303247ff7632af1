// Cache over Redis: string values under a key prefix, with a TTL per entry (SET … EX).
import type { Redis } from 'ioredis';
import type { Cache } from '../cache.js';
import { closeRedis, connectRedis, openRedis } from './redis-connection.js';
import type { StoreLogger } from '../store-logger.js';

export interface RedisCacheOptions {
  url: string;
  /** prepended to every key (default "parley:") */
  keyPrefix?: string;
  /** a command without a reply by then fails (default 50 ms) */
  timeoutMs?: number;
  logger?: StoreLogger;
}

export class RedisCache implements Cache {
  private readonly prefix: string;

  constructor(readonly redis: Redis, opts: { keyPrefix?: string } = {}) {
    this.prefix = opts.keyPrefix ?? 'parley:';
  }

  /** Opens a connection; an unreachable Redis is not an error (the cache misses until it is back). */
  static async open(opts: RedisCacheOptions): Promise<RedisCache> {
    const redis = openRedis({ url: opts.url, commandTimeoutMs: opts.timeoutMs ?? 50, role: 'cache', ...(opts.logger ? { logger: opts.logger } : {}) });
    await connectRedis(redis);
    return new RedisCache(redis, opts.keyPrefix === undefined ? {} : { keyPrefix: opts.keyPrefix });
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.redis.get(this.prefix + key);
    return value ?? undefined;
  }

  /** A TTL that is not a positive number stores nothing, as in MemoryCache. */
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (!(ttlSeconds > 0)) {
      await this.redis.del(this.prefix + key);
      return;
    }
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)));
  }

  close(): Promise<void> {
    return closeRedis(this.redis);
  }
}
