// PostgresTrackerStore on the machine's PostgreSQL: the contract, a real two-pool race,
// session-window loading, the retention cap and pruning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionEvent, sessionStartedEvent, slotEvent, userEvent, type Event } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import { freshPostgresSchema, type TestSchema } from '../../../test/support/postgres.js';
import { runTrackerStoreContract } from '../contracts/tracker-store.contract.js';
import { PostgresTrackerStore } from './postgres-tracker-store.js';
import { MIGRATIONS } from '../sql/migrations.js';

let db: TestSchema;
let store: PostgresTrackerStore;
beforeAll(async () => {
  db = await freshPostgresSchema('parley_pg_store');
  store = await db.openStore();
});
afterAll(async () => { await db[Symbol.asyncDispose](); });

runTrackerStoreContract('PostgresTrackerStore', async () => {
  await db.truncate();
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await db.openStore();
      return store;
    },
    [Symbol.asyncDispose]: async () => {},
  };
});

const turn = (i: number): Event[] => [
  userEvent(`m${i}`, { text: `m${i}`, intent: { name: 'x', confidence: 1 }, entities: [] }),
  actionEvent('utter_x'), slotEvent('n', i), actionEvent('action_listen'),
];
const sessionStart = (): Event[] => [actionEvent('action_session_start'), sessionStartedEvent(), actionEvent('action_listen')];

describe('PostgresTrackerStore', () => {
  it('migrates once when several servers start at the same time', async () => {
    const stores = await Promise.all([db.openStore(), db.openStore(), db.openStore()]);
    const { rows } = await db.admin.query('SELECT version FROM parley_migrations ORDER BY version');
    expect(rows.map((r: { version: number }) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    for (const s of stores) await s.close();
  });

  it('creates a missing schema once when several servers start on it at the same time', async () => {
    const schema = `${db.schema}_new`;
    try {
      // before the fix, CREATE SCHEMA IF NOT EXISTS raced outside the migration lock and most
      // rounds failed one opener on pg_namespace's unique index
      for (let round = 0; round < 5; round++) {
        await db.admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresTrackerStore.open({ url: db.url, schema, poolSize: 2 })));
        const { rows } = await db.admin.query(`SELECT version FROM "${schema}".parley_migrations ORDER BY version`);
        expect(rows.map((r: { version: number }) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
        for (const s of stores) await s.close();
      }
    } finally {
      await db.admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it('never interleaves two writers on two pools: each append is all or nothing, seq stays contiguous', async () => {
    await db.truncate();
    const a = await db.openStore({ poolSize: 8 });
    const b = await db.openStore({ poolSize: 8 });
    const writer = async (s: PostgresTrackerStore, tag: string) => {
      let wins = 0;
      let conflicts = 0;
      for (let i = 0; i < 60; i++) {
        const seq = (await s.retrieve('race'))?.seq ?? 0;
        const events = Array.from({ length: 5 }, (_, k) => slotEvent(tag, `${i}-${k}`));
        try {
          await s.append('race', events, seq);
          wins += 1;
        } catch (e) {
          if (!isParleyError(e, 'STORE_APPEND_CONFLICT')) throw e;
          conflicts += 1;
        }
      }
      return { wins, conflicts };
    };
    const results = await Promise.all([writer(a, 'A'), writer(b, 'B'), writer(a, 'A2'), writer(b, 'B2')]);
    const wins = results.reduce((n, r) => n + r.wins, 0);
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    const { rows } = await db.admin.query<{ seq: number; name: string; value: string }>(
      "SELECT seq, payload->>'name' AS name, payload->>'value' AS value FROM parley_events WHERE conversation_id = 'race' ORDER BY seq");
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: wins * 5 }, (_, i) => i + 1));
    for (let t = 0; t < wins; t++) {
      const block = rows.slice(t * 5, t * 5 + 5);
      expect(new Set(block.map((r) => r.name)).size).toBe(1); // one writer per block
      expect(new Set(block.map((r) => r.value.split('-')[0])).size).toBe(1);
    }
    expect((await a.retrieve('race'))?.seq).toBe(wins * 5);
    await a.close();
    await b.close();
  });

  it('copies type, intent, action and timestamp out of each event into indexed columns', async () => {
    await db.truncate();
    const events: Event[] = [
      userEvent('hi', { text: 'hi', intent: { name: 'greet', confidence: 0.9 }, entities: [] }, { timestamp: 1_700_000_000.5 }),
      userEvent('??', { text: '??', intent: null, entities: [] }, { timestamp: 1_700_000_001 }),
      actionEvent('utter_greet', { timestamp: 1_700_000_002 }),
      { ...slotEvent('n', 1), timestamp: 1_700_000_003 },
    ];
    await store.append('cols', events.slice(0, 1), 0);
    await store.replace('cols2', events);
    await store.append('cols', events.slice(1), 1);
    for (const id of ['cols', 'cols2']) {
      const { rows } = await db.admin.query<{ seq: number; type: string; intent: string | null; action: string | null; ts: number }>(
        'SELECT seq, type, intent, action, extract(epoch FROM timestamp)::float8 AS ts FROM parley_events WHERE conversation_id = $1 ORDER BY seq', [id]);
      expect(rows).toEqual([
        { seq: 1, type: 'user', intent: 'greet', action: null, ts: 1_700_000_000.5 },
        { seq: 2, type: 'user', intent: null, action: null, ts: 1_700_000_001 },
        { seq: 3, type: 'action', intent: null, action: 'utter_greet', ts: 1_700_000_002 },
        { seq: 4, type: 'slot', intent: null, action: null, ts: 1_700_000_003 },
      ]);
    }
  });

  it('appends a batch of any size in one statement (no parameter limit)', async () => {
    await db.truncate();
    const many = Array.from({ length: 12_000 }, (_, i) => slotEvent('n', i));
    expect(await store.append('big', many, 0)).toBe(12_000);
    expect(await store.append('big', many.slice(0, 3), 12_000)).toBe(12_003);
    const back = await store.retrieve('big');
    expect(back?.events).toHaveLength(12_003);
    expect(back?.events[11_999]).toEqual(many[11_999]);
  });

  it('loads only the current session however long the history is', async () => {
    await db.truncate();
    let seq = await store.append('long', sessionStart(), 0);
    for (let i = 0; i < 250; i++) seq = await store.append('long', turn(i), seq);
    seq = await store.append('long', [...sessionStart(), ...turn(999)], seq);
    const window = await store.retrieve('long');
    expect(window?.seq).toBe(seq);
    expect(window?.events).toHaveLength(7);
    expect(window?.baseSeq).toBe(seq - 7);
    expect((await store.retrieveFull('long'))?.events).toHaveLength(seq);
    const plan = await db.admin.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT e.seq FROM parley_events e WHERE e.conversation_id = 'long' AND e.seq >= ${seq - 7}`);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index/);
  });

  it('caps the history, keeping the current session whole', async () => {
    await db.truncate();
    const capped = await db.openStore({ maxEventsPerConversation: 20 });
    let seq = 0;
    for (let s = 0; s < 6; s++) {
      seq = await capped.append('cap', sessionStart(), seq);
      for (let i = 0; i < 2; i++) seq = await capped.append('cap', turn(i), seq);
    }
    const full = await capped.retrieveFull('cap');
    expect(full?.seq).toBe(66);
    expect(full?.events.length).toBeLessThanOrEqual(22);
    expect(full?.events.length).toBeGreaterThanOrEqual(11);
    expect(full?.baseSeq).toBe(66 - (full?.events.length ?? 0));
    // one long session is never cut
    let long = 0;
    for (let i = 0; i < 10; i++) long = await capped.append('one-session', turn(i), long);
    expect((await capped.retrieveFull('one-session'))?.events).toHaveLength(40);
    expect(await capped.append('cap', turn(7), 66)).toBe(70);
  });

  it('prunes conversations idle for longer than the given age', async () => {
    await db.truncate();
    await store.append('old', turn(1), 0);
    await store.append('fresh', turn(2), 0);
    await db.admin.query("UPDATE parley_conversations SET updated_at = now() - interval '40 days' WHERE conversation_id = 'old'");
    expect(await store.prune({ olderThanSeconds: 30 * 86400 })).toBe(1);
    expect(await store.retrieve('old')).toBeUndefined();
    expect((await store.conversationIds()).sort()).toEqual(['fresh']);
    const { rows } = await db.admin.query("SELECT count(*)::int AS n FROM parley_events WHERE conversation_id = 'old'");
    expect(rows[0].n).toBe(0);
    expect(await store.append('old', turn(3), 0)).toBe(4);
  });

  it('writes the head row only when a session starts or its updated_at may be a minute old', async () => {
    await db.truncate();
    const headVersion = async () => (await db.admin.query<{ v: string; w: number }>(
      "SELECT xmin::text AS v, window_seq AS w FROM parley_conversations WHERE conversation_id = 'h'")).rows[0];
    let seq = await store.append('h', turn(1), 0);
    const created = await headVersion();
    seq = await store.append('h', turn(2), seq);
    expect(await headVersion()).toEqual(created); // an ordinary turn leaves the row alone
    seq = await store.append('h', sessionStart(), seq);
    const moved = await headVersion();
    expect(moved?.w).toBe(seq - 1);
    expect((await store.retrieve('h'))?.events).toHaveLength(3);
    // another process has not refreshed updated_at within the minute: its first append does
    await db.admin.query("UPDATE parley_conversations SET updated_at = now() - interval '2 minutes' WHERE conversation_id = 'h'");
    const stale = await headVersion();
    const other = await db.openStore({ poolSize: 1 });
    seq = await other.append('h', turn(3), seq);
    expect((await headVersion())?.v).not.toBe(stale?.v);
    const { rows } = await db.admin.query<{ fresh: boolean }>("SELECT updated_at > now() - interval '10 seconds' AS fresh FROM parley_conversations WHERE conversation_id = 'h'");
    expect(rows[0]?.fresh).toBe(true);
    const touched = await headVersion();
    seq = await other.append('h', turn(4), seq);
    expect(await headVersion()).toEqual(touched);
    expect((await store.retrieve('h'))?.seq).toBe(seq);
    await other.close();
  });

  it('lets a prune that deleted a conversation win over an append racing it: no orphan events', async () => {
    await db.truncate();
    const seq = await store.append('idle', turn(1), 0);
    await db.admin.query("UPDATE parley_conversations SET updated_at = now() - interval '40 days' WHERE conversation_id = 'idle'");
    const later = await db.openStore({ poolSize: 1 }); // a process that has not touched the row within the minute
    const pruner = await db.admin.connect();
    try {
      // what pruneConversations does, held open while the append arrives
      await pruner.query('BEGIN');
      await pruner.query("DELETE FROM parley_conversations WHERE conversation_id = 'idle'");
      await pruner.query("DELETE FROM parley_events WHERE conversation_id = 'idle'");
      const racing = later.append('idle', turn(2), seq).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      await pruner.query('COMMIT');
      expect(isParleyError(await racing, 'STORE_APPEND_CONFLICT')).toBe(true);
    } finally {
      pruner.release();
      await later.close();
    }
    const { rows } = await db.admin.query<{ n: number }>("SELECT count(*)::int AS n FROM parley_events WHERE conversation_id = 'idle'");
    expect(rows[0]?.n).toBe(0);
    expect(await store.append('idle', turn(3), 0)).toBe(4);
  });

  it('never prunes a conversation appended to within the last two minutes', async () => {
    await db.truncate();
    await store.append('recent', turn(1), 0);
    await db.admin.query("UPDATE parley_conversations SET updated_at = now() - interval '90 seconds'");
    expect(await store.prune({ olderThanSeconds: 0 })).toBe(0);
    await db.admin.query("UPDATE parley_conversations SET updated_at = now() - interval '3 minutes'");
    expect(await store.prune({ olderThanSeconds: 0 })).toBe(1);
  });

  it('reports an unreachable server as STORE_UNAVAILABLE', async () => {
    await expect(PostgresTrackerStore.open({ url: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(PostgresTrackerStore.open({ url: db.url, schema: 'x; drop' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
