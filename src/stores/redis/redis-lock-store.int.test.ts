// RedisLockStore on the machine's Redis: the contract, the reject policy, a crashed holder,
// Redis down, a release cut off by an outage, and FIFO without overlap across three processes.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_REDIS_URL, freshRedisPrefix, type TestRedis } from '../../../test/support/redis.js';
import { runLockStoreContract } from '../contracts/lock-store.contract.js';
import { startTcpProxy } from '../../../test/support/tcp-proxy.js';
import { ISSUE, lockKeys, RELEASE_OWNED } from './lock-scripts.js';
import { RedisLockStore } from './redis-lock-store.js';

let redis: TestRedis;
beforeAll(async () => { redis = await freshRedisPrefix('lock'); });
afterAll(async () => { await redis[Symbol.asyncDispose](); });

runLockStoreContract('RedisLockStore', async (opts) => {
  const lockStore = await RedisLockStore.open({ url: redis.url, keyPrefix: redis.prefix, whenUnavailable: 'fail', ...opts });
  return { lockStore, [Symbol.asyncDispose]: () => lockStore.close() };
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RedisLockStore', () => {
  it('refuses a message while a turn runs under the reject policy', async () => {
    const locks = await RedisLockStore.open({ url: redis.url, keyPrefix: redis.prefix, policy: 'reject' });
    let release!: () => void;
    const running = locks.withLock('busy', () => new Promise<void>((r) => { release = r; }));
    await sleep(20);
    await expect(locks.withLock('busy', async () => 'x')).rejects.toMatchObject({ code: 'LOCK_TIMEOUT', details: { policy: 'reject' } });
    expect(await locks.withLock('other', async () => 'free')).toBe('free');
    release();
    await running;
    expect(await locks.withLock('busy', async () => 'after')).toBe('after');
    expect(locks.stats.rejected).toBe(1);
    await locks.close();
  });

  it('lets the next turn in once a crashed holder\'s ticket expires', async () => {
    const keys = lockKeys(redis.prefix, 'crashed');
    // a "process" that took a ticket with a 300 ms lifetime and died without releasing
    await ISSUE.run(redis.admin, [keys.counter, keys.queue], [300, 'enqueue', keys.ticketPrefix, 'crashed-owner']);
    const locks = await RedisLockStore.open({ url: redis.url, keyPrefix: redis.prefix });
    const started = Date.now();
    expect(await locks.withLock('crashed', async () => 'mine')).toBe('mine');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(200);
    expect(waited).toBeLessThan(1500);
    await locks.close();
  });

  it('takes a ticket back once Redis returns when the release was cut off, instead of blocking until it expires', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(redis.url).port || 6379) });
    const viaProxy = await RedisLockStore.open({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: redis.prefix, commandTimeoutMs: 200 });
    const direct = await RedisLockStore.open({ url: redis.url, keyPrefix: redis.prefix, whenUnavailable: 'fail' });
    // the turn holds its ticket (60 s lifetime) when Redis goes away; its release fails
    await viaProxy.withLock('outage', async () => { await proxy.stop(); });
    await proxy.start();
    const started = Date.now();
    expect(await direct.withLock('outage', async () => 'next')).toBe('next');
    expect(Date.now() - started).toBeLessThan(5_000);
    await viaProxy.close();
    await direct.close();
    await proxy.close();
  }, 15_000);

  it('releases a ticket by its owner token (an ISSUE whose reply was lost)', async () => {
    const keys = lockKeys(redis.prefix, 'lost-reply');
    const args = (token: string) => [token, keys.ticketPrefix, keys.channel, 'lost-reply'];
    await ISSUE.run(redis.admin, [keys.counter, keys.queue], [60_000, 'enqueue', keys.ticketPrefix, 'owner-a']);
    await ISSUE.run(redis.admin, [keys.counter, keys.queue], [60_000, 'enqueue', keys.ticketPrefix, 'owner-b']);
    expect(await RELEASE_OWNED.run(redis.admin, [keys.queue], args('nobody'))).toBe(0);
    expect(await RELEASE_OWNED.run(redis.admin, [keys.queue], args('owner-a'))).toBe(1);
    expect(await redis.admin.lrange(keys.queue, 0, -1)).toEqual(['2']);
    expect(await redis.admin.exists(`${keys.ticketPrefix}1`)).toBe(0);
  });

  it('renews a long turn so it keeps the lock past its lifetime', async () => {
    const a = await RedisLockStore.open({ url: redis.url, keyPrefix: redis.prefix, lifetimeSeconds: 0.3 });
    const b = await RedisLockStore.open({ url: redis.url, keyPrefix: redis.prefix, lifetimeSeconds: 0.3 });
    const order: string[] = [];
    const long = a.withLock('long', async () => { order.push('a in'); await sleep(900); order.push('a out'); });
    await sleep(30);
    await b.withLock('long', async () => { order.push('b'); });
    await long;
    expect(order).toEqual(['a in', 'a out', 'b']);
    await a.close();
    await b.close();
  });

  it('falls back to an in-process lock when Redis is unreachable (or fails, if configured)', async () => {
    const locks = await RedisLockStore.open({ url: DEAD_REDIS_URL, keyPrefix: redis.prefix, commandTimeoutMs: 100 });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => locks.withLock('c', async () => { await sleep(3 - i); order.push(i); })));
    expect(order).toEqual([1, 2, 3]);
    expect(locks.stats.degraded).toBe(3);
    await locks.close();
    await expect(RedisLockStore.open({ url: DEAD_REDIS_URL, whenUnavailable: 'fail' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('orders turns from three processes by ticket, never two at once', async () => {
    const listKey = `${redis.prefix}log`;
    const turns = 40;
    const worker = () => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/lock-worker.ts', redis.url, redis.prefix, 'shared', String(turns), listKey], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${stderr}`))));
    });
    await Promise.all([worker(), worker(), worker()]);
    const log = await redis.admin.lrange(listKey, 0, -1);
    expect(log).toHaveLength(3 * turns * 2);
    const tickets: number[] = [];
    for (let i = 0; i < log.length; i += 2) {
      const [enter, pidIn, ticketIn] = (log[i] ?? '').split(':');
      const [exit, pidOut, ticketOut] = (log[i + 1] ?? '').split(':');
      expect([enter, exit]).toEqual(['enter', 'exit']); // no overlap: every enter is followed by its own exit
      expect(pidOut).toBe(pidIn);
      expect(ticketOut).toBe(ticketIn);
      tickets.push(Number(ticketIn));
    }
    expect(tickets).toEqual([...tickets].sort((x, y) => x - y)); // ticket (arrival) order
    expect(new Set(log.map((l) => l.split(':')[1])).size).toBe(3);
  }, 30_000);
});
