// The behaviour every Cache must show; each implementation's test file runs it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../cache.js';

export interface CacheHarness {
  cache: Cache;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface CacheContractOptions {
  /** the factory's caches hold at most this many entries and evict the least recently used */
  lruCapacity?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function runCacheContract(name: string, factory: () => Promise<CacheHarness>, options: CacheContractOptions = {}): void {
  describe(`Cache contract: ${name}`, () => {
    let h: CacheHarness | undefined;
    const make = async () => (h = await factory()).cache;
    afterEach(async () => { await h?.[Symbol.asyncDispose](); h = undefined; });

    it('returns what was set, and undefined for unknown keys', async () => {
      const cache = await make();
      expect(await cache.get('missing')).toBeUndefined();
      await cache.set('k', 'v', 60);
      expect(await cache.get('k')).toBe('v');
      await cache.set('k', 'v2', 60);
      expect(await cache.get('k')).toBe('v2');
    });

    it('keeps unicode keys and values, and empty strings', async () => {
      const cache = await make();
      await cache.set('intent:我想订票', '{"name":"book"} 🚄', 60);
      await cache.set('empty', '', 60);
      expect(await cache.get('intent:我想订票')).toBe('{"name":"book"} 🚄');
      expect(await cache.get('empty')).toBe('');
    });

    it('forgets entries after their TTL', async () => {
      const cache = await make();
      await cache.set('short', 'x', 1);
      await cache.set('long', 'y', 60);
      expect(await cache.get('short')).toBe('x');
      await sleep(1150);
      expect(await cache.get('short')).toBeUndefined();
      expect(await cache.get('long')).toBe('y');
    });

    const capacity = options.lruCapacity;
    it.skipIf(capacity === undefined)('evicts the least recently used entry when full', async () => {
      const n = capacity ?? 0;
      const cache = await make();
      for (let i = 0; i < n; i++) await cache.set(`k${i}`, `v${i}`, 60);
      expect(await cache.get('k0')).toBe('v0'); // k0 is now the most recently used
      await cache.set('extra', 'e', 60);
      expect(await cache.get('k1')).toBeUndefined();
      expect(await cache.get('k0')).toBe('v0');
      expect(await cache.get('extra')).toBe('e');
      for (let i = 2; i < n; i++) expect(await cache.get(`k${i}`)).toBe(`v${i}`);
    });
  });
}
