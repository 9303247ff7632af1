// The behaviour every LockStore must show; each implementation's test file runs it.
import { afterEach, describe, expect, it } from 'vitest';
import { isParleyError } from '../../errors.js';
import type { LockStore } from '../lock-store.js';

export interface LockStoreHarness {
  lockStore: LockStore;
  [Symbol.asyncDispose](): Promise<void>;
}

export type LockStoreFactory = (opts: { waitTimeoutMs?: number }) => Promise<LockStoreHarness>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function runLockStoreContract(name: string, factory: LockStoreFactory): void {
  describe(`LockStore contract: ${name}`, () => {
    const open: LockStoreHarness[] = [];
    const make = async (opts: { waitTimeoutMs?: number } = {}) => {
      const h = await factory(opts);
      open.push(h);
      return h.lockStore;
    };
    afterEach(async () => {
      for (const h of open.splice(0)) await h[Symbol.asyncDispose]();
    });

    it('runs queued turns of one conversation in arrival order', async () => {
      const locks = await make();
      const order: number[] = [];
      const turns = Array.from({ length: 20 }, (_, i) => locks.withLock('c1', async () => {
        // uneven work, so a non-FIFO lock would reorder the turns
        await sleep((20 - i) % 4);
        order.push(i);
        return i * 10;
      }));
      expect(await Promise.all(turns)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
      expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('tells a turn when it holds its place in the queue, before it waits for the lock', async () => {
      const locks = await make();
      let release: (() => void) | undefined;
      const events: string[] = [];
      const first = locks.withLock('q', () => new Promise<void>((r) => { release = r; }), { onQueued: () => events.push('first queued') });
      const second = locks.withLock('q', async () => { events.push('second runs'); }, { onQueued: () => events.push('second queued') });
      for (let i = 0; i < 100 && (events.length < 2 || !release); i++) await sleep(5);
      expect(events).toEqual(['first queued', 'second queued']); // queued while the first turn still holds the lock
      release?.();
      await Promise.all([first, second]);
      expect(events).toEqual(['first queued', 'second queued', 'second runs']);
    });

    it('never runs two turns of one conversation at once', async () => {
      const locks = await make();
      let inside = 0;
      let maxInside = 0;
      await Promise.all(Array.from({ length: 15 }, () => locks.withLock('c1', async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        await sleep(2);
        inside -= 1;
      })));
      expect(maxInside).toBe(1);
    });

    it('runs different conversations in parallel', async () => {
      const locks = await make();
      let inside = 0;
      let maxInside = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      const turns = ['a', 'b', 'c', 'd'].map((id) => locks.withLock(id, async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        if (inside === 4) release();
        await gate;
        inside -= 1;
      }));
      await Promise.race([gate, sleep(2000)]);
      release();
      await Promise.all(turns);
      expect(maxInside).toBe(4);
    });

    it('releases the lock when the turn throws', async () => {
      const locks = await make();
      await expect(locks.withLock('c1', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(await locks.withLock('c1', async () => 'next')).toBe('next');
      const failing = locks.withLock('c1', async () => { await sleep(5); throw new Error('late boom'); });
      const waiting = locks.withLock('c1', async () => 'after the failure');
      await expect(failing).rejects.toThrow('late boom');
      expect(await waiting).toBe('after the failure');
    });

    it('gives up with LOCK_TIMEOUT after the wait timeout, without disturbing the queue', async () => {
      const locks = await make({ waitTimeoutMs: 50 });
      const order: string[] = [];
      const slow = locks.withLock('c1', async () => { await sleep(200); order.push('slow'); });
      const started = Date.now();
      const timedOut = await locks.withLock('c1', async () => { order.push('timed out ran'); }).then(() => undefined, (e: unknown) => e);
      expect(isParleyError(timedOut, 'LOCK_TIMEOUT')).toBe(true);
      expect(Date.now() - started).toBeLessThan(190);
      await slow;
      expect(await locks.withLock('c1', async () => 'free again')).toBe('free again');
      expect(order).toEqual(['slow']);
    });
  });
}
