// Disposable Redis key spaces for integration tests: each test file uses a unique key prefix
// on the machine's Redis (PARLEY_TEST_REDIS_URL) and deletes its keys afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env['PARLEY_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** a port where nothing listens: Redis "down" */
export const DEAD_REDIS_URL = 'redis://127.0.0.1:1';

export interface TestRedis {
  prefix: string;
  url: string;
  /** an admin connection for assertions and cleanup */
  admin: Redis;
  /** every key under the prefix */
  keys(): Promise<string[]>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function freshRedisPrefix(name = 'test'): Promise<TestRedis> {
  const prefix = `parley-test:${name}:${randomBytes(4).toString('hex')}:`;
  const admin = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = async () => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== '0');
    return found;
  };
  return {
    prefix, url: TEST_REDIS_URL, admin, keys,
    async [Symbol.asyncDispose]() {
      const all = await keys();
      if (all.length > 0) await admin.del(...all);
      admin.disconnect();
    },
  };
}
