import { describe, expect, it } from 'vitest';
import { isParleyError } from '../../errors.js';
import { runLockStoreContract } from '../contracts/lock-store.contract.js';
import { MemoryLockStore } from './memory-lock-store.js';

runLockStoreContract('MemoryLockStore', async (opts) => {
  const lockStore = new MemoryLockStore(opts);
  return { lockStore, [Symbol.asyncDispose]: () => lockStore.close() };
});

describe('MemoryLockStore', () => {
  it('forgets conversations once their turns are done', async () => {
    const locks = new MemoryLockStore();
    const turns = Array.from({ length: 500 }, (_, i) => locks.withLock(`c${i % 50}`, async () => i));
    expect(locks.activeConversations).toBe(50);
    await Promise.all(turns);
    expect(locks.activeConversations).toBe(0);
  });

  it('cleans up after failures and timeouts too', async () => {
    const locks = new MemoryLockStore({ waitTimeoutMs: 10 });
    let release!: () => void;
    const held = locks.withLock('c', () => new Promise<void>((resolve) => { release = resolve; }));
    const timedOut = locks.withLock('c', async () => 'never').catch((e: unknown) => e);
    expect(isParleyError(await timedOut, 'LOCK_TIMEOUT')).toBe(true);
    release();
    await held;
    await locks.withLock('c', async () => { throw new Error('x'); }).catch(() => undefined);
    expect(locks.activeConversations).toBe(0);
  });

  it('refuses new turns after close but finishes queued ones', async () => {
    const locks = new MemoryLockStore();
    const first = locks.withLock('c', async () => 1);
    const queued = locks.withLock('c', async () => 2);
    await locks.close();
    await expect(locks.withLock('c', async () => 3)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await Promise.all([first, queued])).toEqual([1, 2]);
  });
});
