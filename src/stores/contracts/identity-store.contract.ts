// The behaviour every IdentityStore implementation shares.
import { describe, expect, it } from 'vitest';
import type { IdentityStore } from '../identity/identity-store.js';

export function runIdentityStoreContract(name: string, open: () => Promise<{ store: IdentityStore; dispose: () => Promise<void> }>): void {
  describe(`${name} (IdentityStore contract)`, () => {
    it('links, resolves, re-links and unlinks channel user ids', async () => {
      const { store, dispose } = await open();
      try {
        expect(await store.resolve('wx:o6_bm1')).toBeUndefined();
        await store.link('wx:o6_bm1', 'conv-1');
        await store.link('web:alice', 'conv-1');
        expect(await store.resolve('wx:o6_bm1')).toBe('conv-1');
        expect(await store.resolve('web:alice')).toBe('conv-1');
        await store.link('web:alice', 'conv-2');
        expect(await store.resolve('web:alice')).toBe('conv-2');
        expect(await store.unlink('web:alice')).toBe(true);
        expect(await store.unlink('web:alice')).toBe(false);
        expect(await store.resolve('web:alice')).toBeUndefined();
        expect(await store.resolve('wx:o6_bm1')).toBe('conv-1');
      } finally {
        await dispose();
      }
    });

    it('keeps ids with any characters apart', async () => {
      const { store, dispose } = await open();
      try {
        await store.link("it's/用户%_", 'c/1');
        expect(await store.resolve("it's/用户%_")).toBe('c/1');
        expect(await store.resolve("it's/用户")).toBeUndefined();
      } finally {
        await dispose();
      }
    });
  });
}
