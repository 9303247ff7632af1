import { describe, expect, it } from 'vitest';
import { actionEvent, sessionStartedEvent, slotEvent } from '../../core/index.js';
import { runTrackerStoreContract } from '../contracts/tracker-store.contract.js';
import { MemorySnapshotCache } from '../memory/memory-snapshot-cache.js';
import { MemoryTrackerStore } from '../memory/memory-tracker-store.js';
import type { SnapshotCache } from '../snapshot-cache.js';
import { CachedTrackerStore } from './cached-tracker-store.js';

runTrackerStoreContract('CachedTrackerStore(Memory, MemorySnapshotCache)', async () => {
  const store = new CachedTrackerStore(new MemoryTrackerStore(), new MemorySnapshotCache());
  return { store, [Symbol.asyncDispose]: () => store.close() };
});

/** A cache that fails (`mode: 'error'`) or never answers (`'hang'`). */
function brokenCache(mode: 'error' | 'hang'): SnapshotCache {
  const fail = () => (mode === 'error' ? Promise.reject(new Error('ECONNREFUSED')) : new Promise<never>(() => undefined));
  return { get: fail, put: fail, advance: fail, drop: fail, close: async () => undefined };
}

describe('CachedTrackerStore', () => {
  it('serves turns from the cache after the first read, and writes through', async () => {
    const inner = new MemoryTrackerStore();
    const store = new CachedTrackerStore(inner, new MemorySnapshotCache());
    await store.append('c', [slotEvent('a', 1)], 0);
    expect(await store.retrieve('c')).toEqual({ events: [slotEvent('a', 1)].map((e) => ({ ...e, timestamp: expect.any(Number) })), seq: 1, baseSeq: 0 });
    expect(store.stats).toMatchObject({ hits: 1, misses: 0 }); // a new conversation is cached by its first append
    await store.append('c', [slotEvent('b', 2)], 1);
    const again = await store.retrieve('c');
    expect(again?.seq).toBe(2);
    expect(again?.events.map((e) => (e as { name: string }).name)).toEqual(['a', 'b']);
    expect(store.stats.hits).toBe(2);
    // a new session in the batch replaces the window
    await store.append('c', [actionEvent('action_session_start'), sessionStartedEvent(), actionEvent('action_listen')], 2);
    expect(await store.retrieve('c')).toEqual(await inner.retrieve('c'));
    expect(store.stats.hits).toBe(3);
  });

  it('never serves a snapshot older than the store after another writer appended', async () => {
    const inner = new MemoryTrackerStore();
    const shared = new MemorySnapshotCache();
    const a = new CachedTrackerStore(inner, shared);
    await a.append('c', [slotEvent('a', 1)], 0);
    await a.retrieve('c');
    await inner.append('c', [slotEvent('behind the cache', 2)], 1); // a writer that bypassed the cache
    const stale = await a.retrieve('c');
    expect(stale?.seq).toBe(1);
    await expect(a.append('c', [slotEvent('x', 3)], 1)).rejects.toMatchObject({ code: 'STORE_APPEND_CONFLICT' });
    expect((await a.retrieve('c'))?.seq).toBe(2); // the conflict dropped the snapshot
  });

  it.each(['error', 'hang'] as const)('keeps working from the inner store when the cache is down (%s)', async (mode) => {
    const warnings: unknown[] = [];
    const store = new CachedTrackerStore(new MemoryTrackerStore(), brokenCache(mode), { timeoutMs: 20, logger: { warn: (o) => warnings.push(o) } });
    const started = Date.now();
    let seq = 0;
    for (let i = 0; i < 5; i++) {
      const cur = await store.retrieve('c');
      seq = await store.append('c', [slotEvent('n', i)], cur?.seq ?? 0);
    }
    expect(seq).toBe(5);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(mode === 'error' ? store.stats.errors : store.stats.timeouts).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1); // logged once per 10 s, not per call
  });
});
