// One ioredis connection configured for an accelerator: commands fail fast (no offline queue,
// one retry, a command timeout) instead of piling up while Redis is away, reconnection goes on
// in the background, and connection errors are logged at most every 10 s instead of crashing.
import { Redis } from 'ioredis';
import type { StoreLogger } from '../store-logger.js';
import { ThrottledWarnings } from '../throttled-warnings.js';

export interface RedisConnectionOptions {
  url: string;
  /** ioredis commandTimeout: a command without a reply by then fails */
  commandTimeoutMs?: number;
  logger?: StoreLogger;
  /** for logs: which component the connection serves */
  role: string;
}

export function openRedis(opts: RedisConnectionOptions): Redis {
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // measured: auto-pipelining halves throughput for this request pattern
    enableAutoPipelining: false,
    ...(opts.commandTimeoutMs ? { commandTimeout: opts.commandTimeoutMs } : {}),
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
  });
  const warnings = new ThrottledWarnings(opts.logger);
  redis.on('error', (error: Error) => {
    warnings.warn({ event: 'store.redis.connection_error', role: opts.role, err: error.message }, 'Redis connection problem');
  });
  return redis;
}

/** Connects, waiting at most `timeoutMs`; false when Redis is not reachable (it keeps retrying). */
export async function connectRedis(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  if (redis.status === 'ready') return true;
  const connecting = redis.status === 'wait' ? redis.connect() : new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
  try {
    return await Promise.race([connecting.then(() => true as const, () => false as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes without waiting for a server that may be gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  } catch {
    redis.disconnect();
  }
}
