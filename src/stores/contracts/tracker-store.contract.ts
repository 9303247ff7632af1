// The behaviour every TrackerStore must show; each implementation's test file runs it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionEvent, botEvent, restartEvent, sessionStartedEvent, slotEvent, userEvent, type Event } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import { isEventRewriter, type StoredEvent, type TrackerStore } from '../tracker-store.js';

export interface TrackerStoreHarness {
  store: TrackerStore;
  /** Closes `store` and opens a new one over the same data; omitted by non-durable stores. */
  reopen?: () => Promise<TrackerStore>;
  /** Releases whatever the harness holds, including the current store. */
  [Symbol.asyncDispose](): Promise<void>;
}

const turn = (text: string, n = 0): Event[] => [
  userEvent(text, { text, intent: { name: 'greet', confidence: 0.93 }, entities: [{ entity: 'n', value: n }] }, { timestamp: 1_700_000_000.25 + n }),
  actionEvent('utter_greet', { policy: 'RulePolicy', confidence: 1, timestamp: 1_700_000_001 + n }),
  botEvent(`Hello ${text}!`, { buttons: [{ title: 'ok', payload: '/affirm' }] }, { utter_action: 'utter_greet' }),
  slotEvent('name', { first: text, tags: ['a', 'b'], n }),
];

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

async function conflictOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => new Error('expected STORE_APPEND_CONFLICT, but the append succeeded'), (e: unknown) => e);
}

export function runTrackerStoreContract(name: string, factory: () => Promise<TrackerStoreHarness>): void {
  describe(`TrackerStore contract: ${name}`, () => {
    let h: TrackerStoreHarness;
    beforeEach(async () => { h = await factory(); });
    afterEach(async () => { await h[Symbol.asyncDispose](); });

    it('retrieves nothing for an unknown conversation', async () => {
      expect(await h.store.retrieve('nobody')).toBeUndefined();
      expect(await collect(h.store.events('nobody'))).toEqual([]);
    });

    it('gives back appended events in order with their seq', async () => {
      const first = turn('Ana', 1);
      const second = turn('Bo', 2);
      expect(await h.store.append('c1', first, 0)).toBe(4);
      expect(await h.store.append('c1', second, 4)).toBe(8);
      const stored = await h.store.retrieve('c1');
      expect(stored).toEqual({ events: [...first, ...second], seq: 8, baseSeq: 0 });
      expect(await h.store.retrieveFull('c1')).toEqual({ events: [...first, ...second], seq: 8, baseSeq: 0 });
      const all = await collect(h.store.events('c1'));
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(all.map((e) => e.event)).toEqual([...first, ...second]);
    });

    it('treats an empty append as a checked no-op', async () => {
      expect(await h.store.append('c1', [], 0)).toBe(0);
      expect(await h.store.retrieve('c1')).toBeUndefined();
      await h.store.append('c1', turn('a'), 0);
      expect(await h.store.append('c1', [], 4)).toBe(4);
      expect(isParleyError(await conflictOf(h.store.append('c1', [], 0)), 'STORE_APPEND_CONFLICT')).toBe(true);
    });

    it('rejects an append whose expectedSeq is stale and writes none of it', async () => {
      await h.store.append('c1', turn('a'), 0);
      await h.store.append('c1', turn('b'), 4);
      const error = await conflictOf(h.store.append('c1', turn('c'), 4));
      expect(isParleyError(error, 'STORE_APPEND_CONFLICT')).toBe(true);
      expect((await h.store.retrieve('c1'))?.seq).toBe(8);
      expect(isParleyError(await conflictOf(h.store.append('c1', turn('d'), 9)), 'STORE_APPEND_CONFLICT')).toBe(true);
      expect(isParleyError(await conflictOf(h.store.append('new', turn('d'), 1)), 'STORE_APPEND_CONFLICT')).toBe(true);
      expect(await h.store.retrieve('new')).toBeUndefined();
    });

    it('lets exactly one of two racing appends with the same expectedSeq win', async () => {
      await h.store.append('c1', turn('a'), 0);
      const results = await Promise.allSettled([h.store.append('c1', turn('x'), 4), h.store.append('c1', turn('y'), 4)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(isParleyError(lost[0]?.reason, 'STORE_APPEND_CONFLICT')).toBe(true);
      const stored = await h.store.retrieve('c1');
      expect(stored?.seq).toBe(8);
      const texts = stored?.events.filter((e) => e.event === 'user').map((e) => e.text);
      expect(texts?.length).toBe(2);
      expect(['x', 'y']).toContain(texts?.[1]);
    });

    it('does not let callers mutate stored events', async () => {
      const events = turn('a');
      await h.store.append('c1', events, 0);
      (events[3] as { value: unknown }).value = 'changed by caller';
      const read = await h.store.retrieve('c1');
      (read?.events[0] as { text: string }).text = 'changed by reader';
      const again = await h.store.retrieve('c1');
      expect(again?.events[0]).toMatchObject({ text: 'a' });
      expect(again?.events[3]).toMatchObject({ value: { first: 'a' } });
    });

    it('replaces a whole log', async () => {
      await h.store.append('c1', [...turn('a'), ...turn('b')], 0);
      const replacement = turn('z');
      expect(await h.store.replace('c1', replacement)).toBe(4);
      expect(await h.store.retrieve('c1')).toEqual({ events: replacement, seq: 4, baseSeq: 0 });
      expect(await h.store.append('c1', turn('after'), 4)).toBe(8);
      expect(await h.store.replace('fresh', turn('f'))).toBe(4);
      expect((await h.store.retrieve('fresh'))?.seq).toBe(4);
      expect(await h.store.replace('c1', [])).toBe(0);
      expect(await h.store.retrieve('c1')).toBeUndefined();
    });

    it('lists events after sinceSeq', async () => {
      await h.store.append('c1', [...turn('a'), ...turn('b')], 0);
      const tail = await collect(h.store.events('c1', { sinceSeq: 5 }));
      expect(tail.map((e) => e.seq)).toEqual([6, 7, 8]);
      expect(tail[0]?.event).toMatchObject({ event: 'action', name: 'utter_greet' });
      expect(await collect(h.store.events('c1', { sinceSeq: 8 }))).toEqual([]);
      expect(await collect(h.store.events('c1', { sinceSeq: 0 }))).toHaveLength(8);
    });

    it('keeps ids with slashes, quotes and unicode apart', async () => {
      const ids = ['a/b', 'a', 'a/b/c', "o'brien \"x\"", '用户-42', 'emoji 👋', ' ', 'a%2Fb'];
      for (const [i, id] of ids.entries()) await h.store.append(id, turn(`t${i}`), 0);
      for (const [i, id] of ids.entries()) {
        const stored = await h.store.retrieve(id);
        expect(stored?.events[0]).toMatchObject({ text: `t${i}` });
      }
      expect((await h.store.conversationIds()).sort()).toEqual([...ids].sort());
    });

    it('stores unicode text and nested values exactly', async () => {
      const events = [userEvent('我想订一张去北京的票 🚄', { text: '我想订一张去北京的票 🚄', intent: null, entities: [] }), slotEvent('deep', { a: [1, null, { b: 'ç' }], z: -0.5 })];
      await h.store.append('zh', events, 0);
      expect((await h.store.retrieve('zh'))?.events).toEqual(events);
    });

    it('lists conversation ids', async () => {
      expect(await h.store.conversationIds()).toEqual([]);
      await h.store.append('one', turn('a'), 0);
      await h.store.append('two', turn('b'), 0);
      await h.store.append('one', turn('c'), 4);
      expect((await h.store.conversationIds()).sort()).toEqual(['one', 'two']);
    });

    it('handles many concurrent appends to different conversations', async () => {
      const ids = Array.from({ length: 40 }, (_, i) => `conv-${i}`);
      await Promise.all(ids.map(async (id, i) => {
        let seq = 0;
        for (let t = 0; t < 3; t++) seq = await h.store.append(id, turn(`${i}-${t}`, t), seq);
      }));
      for (const [i, id] of ids.entries()) {
        const stored = await h.store.retrieve(id);
        expect(stored?.seq).toBe(12);
        expect(stored?.events.filter((e) => e.event === 'user').map((e) => e.text)).toEqual([`${i}-0`, `${i}-1`, `${i}-2`]);
      }
    });

    it('appends a large turn in one call', async () => {
      const many = Array.from({ length: 2500 }, (_, i) => slotEvent('counter', i));
      expect(await h.store.append('big', many, 0)).toBe(2500);
      const stored = await h.store.retrieve('big');
      expect(stored?.seq).toBe(2500);
      expect(stored?.events[2499]).toMatchObject({ value: 2499 });
      expect((await collect(h.store.events('big', { sinceSeq: 2490 }))).map((e) => e.seq)[0]).toBe(2491);
    });

    it('retrieves only the current session, with the global seq, and everything with retrieveFull', async () => {
      const sessionStart = (): Event[] => [actionEvent('action_session_start'), sessionStartedEvent(), slotEvent('carried', 1), actionEvent('action_listen')];
      const first = [...sessionStart(), ...turn('old', 1)];
      await h.store.append('s', first, 0);
      expect(await h.store.retrieve('s')).toEqual({ events: first, seq: 8, baseSeq: 0 });
      // the reset arrives in a later append than the action that started the session
      const second = [...turn('mid', 2), actionEvent('action_session_start')];
      await h.store.append('s', second, 8);
      const third = [sessionStartedEvent(), slotEvent('carried', 2), ...turn('new', 3)];
      expect(await h.store.append('s', third, 13)).toBe(19);
      expect(await h.store.retrieve('s')).toEqual({ events: [second[4], ...third], seq: 19, baseSeq: 12 });
      const full = await h.store.retrieveFull('s');
      expect(full).toEqual({ events: [...first, ...second, ...third], seq: 19, baseSeq: 0 });
      // a restart without a following session start is a window of its own
      const tail = [restartEvent(), actionEvent('action_listen')];
      await h.store.append('s', [...turn('after', 4), ...tail], 19);
      expect(await h.store.retrieve('s')).toEqual({ events: tail, seq: 25, baseSeq: 23 });
      expect(await h.store.append('s', turn('next', 5), 25)).toBe(29);
      expect((await h.store.retrieve('s'))?.events).toHaveLength(6);
      // a session_started not preceded by action_session_start starts the window itself
      await h.store.replace('s2', [...turn('a'), slotEvent('x', 1), sessionStartedEvent(), ...turn('b')]);
      const s2 = await h.store.retrieve('s2');
      expect(s2?.baseSeq).toBe(5);
      expect(s2?.events[0]?.event).toBe('session_started');
      expect(s2?.seq).toBe(10);
    });

    it('rewrites events in place when it can (key rotation)', async (ctx) => {
      if (!isEventRewriter(h.store)) return ctx.skip();
      await h.store.append('r', [...turn('a'), ...turn('b')], 0);
      const n = await h.store.rewriteEvents('r', ({ event, seq }) => (event.event === 'slot' ? { ...event, value: `rewritten ${seq}` } : undefined));
      expect(n).toBe(2);
      const stored = await h.store.retrieveFull('r');
      expect(stored?.events.filter((e) => e.event === 'slot').map((e) => (e as { value: unknown }).value)).toEqual(['rewritten 4', 'rewritten 8']);
      expect(stored?.seq).toBe(8);
      expect(await h.store.append('r', turn('c'), 8)).toBe(12);
    });

    it('keeps data across close and reopen (durable stores)', async (ctx) => {
      if (!h.reopen) return ctx.skip();
      const events = turn('before restart');
      await h.store.append('durable', events, 0);
      h.store = await h.reopen();
      expect(await h.store.retrieve('durable')).toEqual({ events, seq: 4, baseSeq: 0 });
      expect(await h.store.conversationIds()).toEqual(['durable']);
      expect(await h.store.append('durable', turn('after restart'), 4)).toBe(8);
    });
  });
}
