import { describe, expect, it } from 'vitest';
import { cacheConfigSchema, lockStoreConfigSchema, trackerStoreConfigSchema } from './config-schema.js';
import { createCache, createLockStore, createTrackerStore } from './create-stores.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryLockStore } from './memory/memory-lock-store.js';
import { MemoryTrackerStore } from './memory/memory-tracker-store.js';

describe('store config schemas', () => {
  it('defaults the embedded data directory', () => {
    expect(trackerStoreConfigSchema.parse({ type: 'embedded' })).toEqual({ type: 'embedded', dataDir: '.parley/data' });
    expect(trackerStoreConfigSchema.parse({ type: 'memory' })).toEqual({ type: 'memory' });
  });

  it('rejects unknown types and unknown keys', () => {
    expect(trackerStoreConfigSchema.safeParse({ type: 'mongo' }).success).toBe(false);
    expect(trackerStoreConfigSchema.safeParse({ type: 'memory', url: 'x' }).success).toBe(false);
    expect(lockStoreConfigSchema.safeParse({ type: 'memory', waitTimeoutMs: -1 }).success).toBe(false);
    expect(lockStoreConfigSchema.safeParse({ type: 'memory', lifetime: 5 }).success).toBe(false);
    expect(cacheConfigSchema.safeParse({ type: 'memory', maxEntries: 1.5 }).success).toBe(false);
  });
});

describe('create-stores', () => {
  it('builds the memory implementations', async () => {
    expect(await createTrackerStore({ type: 'memory' })).toBeInstanceOf(MemoryTrackerStore);
    expect(await createCache({ type: 'memory', maxEntries: 2 })).toBeInstanceOf(MemoryCache);
    const locks = await createLockStore(lockStoreConfigSchema.parse({ type: 'memory', waitTimeoutMs: 20 }));
    expect(locks).toBeInstanceOf(MemoryLockStore);
    let release!: () => void;
    const held = locks.withLock('c', () => new Promise<void>((r) => { release = r; }));
    await expect(locks.withLock('c', async () => 1)).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    release();
    await held;
  });

  it('fails with CONFIG_INVALID on a type that slipped past validation', async () => {
    await expect(createTrackerStore({ type: 'mongo' } as never)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(createLockStore({ type: 'zookeeper' } as never)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(createCache({ type: 'memcached' } as never)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
