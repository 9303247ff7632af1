import { describe, expect, it } from 'vitest';
import { slotEvent, type Event } from '../core/index.js';
import { ParleyError, isParleyError } from '../errors.js';
import { runTrackerStoreContract } from './contracts/tracker-store.contract.js';
import { MemoryTrackerStore } from './memory/memory-tracker-store.js';
import { RetryingTrackerStore } from './retrying-tracker-store.js';
import { isTransientStoreError } from './transient-error.js';
import type { TrackerStore } from './tracker-store.js';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

/** Fails the next calls with the queued errors; `commitThenFail` appends and then reports a failure. */
class FaultyStore extends MemoryTrackerStore implements TrackerStore {
  faults: unknown[] = [];
  calls = 0;
  commitThenFail = false;
  override async retrieve(id: string) {
    this.calls += 1;
    const f = this.faults.shift();
    if (f) throw f;
    return super.retrieve(id);
  }
  override async append(id: string, events: readonly Event[], expectedSeq: number) {
    this.calls += 1;
    if (this.commitThenFail) {
      this.commitThenFail = false;
      await super.append(id, events, expectedSeq);
      throw err('ECONNRESET');
    }
    const f = this.faults.shift();
    if (f) throw f;
    return super.append(id, events, expectedSeq);
  }
}

const noSleep = { sleep: async () => undefined };

runTrackerStoreContract('RetryingTrackerStore(Memory)', async () => {
  const store = new RetryingTrackerStore(new MemoryTrackerStore(), noSleep);
  return { store, [Symbol.asyncDispose]: () => store.close() };
});

describe('RetryingTrackerStore', () => {
  it('retries transient errors up to the attempt limit, then reports STORE_UNAVAILABLE', async () => {
    const inner = new FaultyStore();
    await inner.append('c', [slotEvent('a', 1)], 0);
    inner.calls = 0;
    const store = new RetryingTrackerStore(inner, noSleep);
    inner.faults = [err('ECONNREFUSED'), err('57P01')];
    expect((await store.retrieve('c'))?.seq).toBe(1);
    expect(inner.calls).toBe(3);
    inner.faults = [err('08006'), err('40001'), err('ETIMEDOUT'), err('EPIPE'), err('57P03'), err('ECONNRESET')];
    const retried: string[] = [];
    const counted = new RetryingTrackerStore(inner, { ...noSleep, onRetry: (op) => retried.push(op) });
    const e = await counted.retrieve('c').catch((x: unknown) => x);
    expect(isParleyError(e, 'STORE_UNAVAILABLE')).toBe(true);
    expect(((e as Error).cause as { code: string }).code).toBe('57P03'); // the fifth attempt's error
    expect(retried).toEqual(['retrieve', 'retrieve', 'retrieve', 'retrieve']);
    expect(store.retries).toBe(2);
  });

  it('never retries conflicts or other errors', async () => {
    const inner = new FaultyStore();
    const store = new RetryingTrackerStore(inner, noSleep);
    const conflict = new ParleyError('STORE_APPEND_CONFLICT', 'x');
    inner.faults = [conflict];
    await expect(store.append('c', [slotEvent('a', 1)], 0)).rejects.toBe(conflict);
    const syntax = err('42601');
    inner.faults = [syntax];
    await expect(store.retrieve('c')).rejects.toBe(syntax);
    expect(inner.calls).toBe(2);
  });

  it('recognises its own committed append after a lost reply instead of writing twice', async () => {
    const inner = new FaultyStore();
    const store = new RetryingTrackerStore(inner, noSleep);
    inner.commitThenFail = true;
    expect(await store.append('c', [slotEvent('a', 1), slotEvent('b', 2)], 0)).toBe(2);
    expect((await inner.retrieve('c'))?.seq).toBe(2);
    // a different writer's events at that seq stay a conflict
    inner.commitThenFail = true;
    await inner.append('c', [slotEvent('other', 1)], 2).catch(() => undefined);
    inner.faults = [err('ECONNRESET')];
    await expect(store.append('c', [slotEvent('mine', 1)], 2)).rejects.toMatchObject({ code: 'STORE_APPEND_CONFLICT' });
  });

  it('backs off exponentially with full jitter', async () => {
    const delays: number[] = [];
    const inner = new FaultyStore();
    const store = new RetryingTrackerStore(inner, { attempts: 4, baseDelayMs: 100, random: () => 1, sleep: async (ms) => { delays.push(ms); } });
    inner.faults = [err('ECONNRESET'), err('ECONNRESET'), err('ECONNRESET')];
    await store.retrieve('c');
    expect(delays).toEqual([100, 200, 400]);
  });

  it('classifies errors', () => {
    expect(isTransientStoreError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientStoreError(new ParleyError('STORE_UNAVAILABLE', 'x', { cause: err('ECONNREFUSED') }))).toBe(true);
    expect(isTransientStoreError(new ParleyError('STORE_APPEND_CONFLICT', 'x', { cause: err('ECONNRESET') }))).toBe(false);
    expect(isTransientStoreError(err('23505'))).toBe(false);
  });
});
