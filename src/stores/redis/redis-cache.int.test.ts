// RedisCache and the Redis-backed CachedTrackerStore on the machine's Redis and PostgreSQL,
// including Redis down (nothing listening) and Redis slow (CLIENT PAUSE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotEvent, userEvent } from '../../core/index.js';
import { freshPostgresSchema, type TestSchema } from '../../../test/support/postgres.js';
import { DEAD_REDIS_URL, freshRedisPrefix, type TestRedis } from '../../../test/support/redis.js';
import { runCacheContract } from '../contracts/cache.contract.js';
import { runTrackerStoreContract } from '../contracts/tracker-store.contract.js';
import type { PostgresTrackerStore } from '../postgres/postgres-tracker-store.js';
import { CachedTrackerStore } from './cached-tracker-store.js';
import { RedisCache } from './redis-cache.js';
import { closeRedis, openRedis } from './redis-connection.js';
import { RedisSnapshotCache } from './redis-snapshot-cache.js';

let redis: TestRedis;
let db: TestSchema;
let pgStore: PostgresTrackerStore;
beforeAll(async () => {
  redis = await freshRedisPrefix('cache');
  db = await freshPostgresSchema('parley_cache');
  pgStore = await db.openStore();
});
afterAll(async () => {
  await db[Symbol.asyncDispose]();
  await redis[Symbol.asyncDispose]();
});

runCacheContract('RedisCache', async () => {
  const cache = await RedisCache.open({ url: redis.url, keyPrefix: `${redis.prefix}c:`, timeoutMs: 500 });
  return { cache, [Symbol.asyncDispose]: async () => { await redis.admin.del(...(await redis.keys()), 'none'); await cache.close(); } };
});

let run = 0;
async function cachedOver(inner: PostgresTrackerStore, url = redis.url, timeoutMs = 50): Promise<CachedTrackerStore> {
  const conn = openRedis({ url, role: 'test', commandTimeoutMs: timeoutMs });
  await conn.connect().catch(() => undefined);
  const snapshots = new RedisSnapshotCache(conn, { keyPrefix: `${redis.prefix}${run++}:` });
  // the harness owns the PostgreSQL store; closing the decorator closes only its Redis connection
  const innerView = Object.assign(Object.create(inner) as PostgresTrackerStore, { close: async () => undefined });
  return new CachedTrackerStore(innerView, snapshots, { timeoutMs, onClose: () => closeRedis(conn) });
}

runTrackerStoreContract('CachedTrackerStore(Postgres, Redis)', async () => {
  await db.truncate();
  const store = await cachedOver(pgStore, redis.url, 500);
  return { store, [Symbol.asyncDispose]: () => store.close() };
});

describe('CachedTrackerStore over Redis', () => {
  const turn = (i: number) => [userEvent(`m${i}`, { text: `m${i}`, intent: null, entities: [] }), slotEvent('n', i)];

  it('hits Redis for a turn and matches PostgreSQL exactly', async () => {
    await db.truncate();
    const store = await cachedOver(pgStore, redis.url, 500);
    for (let i = 0; i < 10; i++) await store.append('hit', turn(i), (await store.retrieve('hit'))?.seq ?? 0);
    expect(store.stats.hits).toBe(9);
    expect(await store.retrieve('hit')).toEqual(await pgStore.retrieve('hit'));
    await store.close();
  });

  it('continues from PostgreSQL when nothing listens on the Redis port', async () => {
    await db.truncate();
    const store = await cachedOver(pgStore, DEAD_REDIS_URL);
    let seq = 0;
    for (let i = 0; i < 10; i++) seq = await store.append('down', turn(i), (await store.retrieve('down'))?.seq ?? 0);
    expect(seq).toBe(20);
    expect(store.stats.errors + store.stats.timeouts).toBeGreaterThanOrEqual(10);
    expect(store.stats.hits).toBe(0);
    await store.close();
  });

  it('continues from PostgreSQL while Redis is paused, and is correct when it comes back', async () => {
    await db.truncate();
    const store = await cachedOver(pgStore, redis.url, 50);
    await store.append('slow', turn(0), 0);
    await store.retrieve('slow');
    const pauser = openRedis({ url: redis.url, role: 'pauser' });
    await pauser.connect();
    await pauser.call('CLIENT', 'PAUSE', '600', 'ALL');
    const started = Date.now();
    for (let i = 1; i < 5; i++) await store.append('slow', turn(i), (await store.retrieve('slow'))?.seq ?? 0);
    expect(Date.now() - started).toBeLessThan(550);
    expect(store.stats.timeouts).toBeGreaterThan(0);
    expect((await pgStore.retrieve('slow'))?.seq).toBe(10);
    await new Promise((r) => setTimeout(r, 700)); // the pause ends; late writes land or not
    const after = await store.retrieve('slow');
    expect(after).toEqual(await pgStore.retrieve('slow'));
    expect(await store.append('slow', turn(9), after?.seq ?? -1)).toBe(12);
    await closeRedis(pauser);
    await store.close();
  });

  it('ignores an older snapshot written late (seq is monotonic)', async () => {
    const conn = openRedis({ url: redis.url, role: 'test' });
    await conn.connect();
    const snaps = new RedisSnapshotCache(conn, { keyPrefix: redis.prefix });
    await snaps.put('m', { events: [slotEvent('a', 2)], seq: 2, baseSeq: 1 });
    await snaps.put('m', { events: [slotEvent('a', 1)], seq: 1, baseSeq: 0 });
    expect((await snaps.get('m'))?.seq).toBe(2);
    await snaps.advance('m', 1, 5, JSON.stringify([slotEvent('x', 1)])); // not at 1: marker at 5
    expect(await snaps.get('m')).toBeUndefined();
    await snaps.put('m', { events: [], seq: 4, baseSeq: 4 });
    expect(await snaps.get('m')).toBeUndefined();
    expect(await redis.admin.ttl(`${redis.prefix}snapshot:m`)).toBeGreaterThan(590);
    await closeRedis(conn);
  });
});
