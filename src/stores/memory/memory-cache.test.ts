import { describe, expect, it } from 'vitest';
import { runCacheContract } from '../contracts/cache.contract.js';
import { MemoryCache } from './memory-cache.js';

runCacheContract('MemoryCache', async () => {
  const cache = new MemoryCache({ maxEntries: 5 });
  return { cache, [Symbol.asyncDispose]: () => cache.close() };
}, { lruCapacity: 5 });

describe('MemoryCache', () => {
  it('expires by the injected clock', async () => {
    let now = 1_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set('a', '1', 10);
    now += 9_999;
    expect(await cache.get('a')).toBe('1');
    now += 1;
    expect(await cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stores nothing for a TTL that is not positive, and drops the old value', async () => {
    const cache = new MemoryCache();
    await cache.set('a', '1', 60);
    await cache.set('a', '2', 0);
    await cache.set('b', '3', Number.NaN);
    expect(await cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never holds more than maxEntries', async () => {
    const cache = new MemoryCache({ maxEntries: 3 });
    for (let i = 0; i < 100; i++) await cache.set(`k${i}`, 'v', 60);
    expect(cache.size).toBe(3);
    expect(await cache.get('k99')).toBe('v');
    expect(await cache.get('k96')).toBeUndefined();
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new MemoryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
