// The production composition Encrypted(Cached(Retrying(Postgres))) on the machine's PostgreSQL
// and Redis: the contract, no plaintext of sensitive values anywhere at rest, key rotation,
// and retries across a connection killed with pg_terminate_backend.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionEvent, activeLoopEvent, botEvent, slotEvent, userEvent, type Event } from '../core/index.js';
import { freshPostgresSchema, type TestSchema } from '../../test/support/postgres.js';
import { freshRedisPrefix, type TestRedis } from '../../test/support/redis.js';
import { runTrackerStoreContract } from './contracts/tracker-store.contract.js';
import { createTrackerStore } from './create-stores.js';
import { EncryptedTrackerStore } from './encryption/encrypted-tracker-store.js';
import { Keyring } from './encryption/keyring.js';
import { rotateKeys } from './encryption/rotate-keys.js';
import { CachedTrackerStore } from './redis/cached-tracker-store.js';
import { RetryingTrackerStore } from './retrying-tracker-store.js';
import type { TrackerStore } from './tracker-store.js';

let db: TestSchema;
let redis: TestRedis;
const k1 = { id: 'k1', key: randomBytes(32) };
const encryption = { sensitiveSlots: ['phone', 'address'], sensitiveEntities: ['phone', 'address'] };
const PHONE = '13912345678';
const ADDRESS = '上海市浦东新区世纪大道100号';

beforeAll(async () => {
  db = await freshPostgresSchema('parley_composed');
  redis = await freshRedisPrefix('composed');
  await (await db.openStore()).close(); // migrate once
});
afterAll(async () => {
  await db[Symbol.asyncDispose]();
  await redis[Symbol.asyncDispose]();
});

const open = (keyring = new Keyring([k1])) => createTrackerStore(
  { type: 'postgres', url: db.url, schema: db.schema, poolSize: 4, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 } },
  { cache: { type: 'redis', url: redis.url, ttlSeconds: 600, timeoutMs: 200, keyPrefix: redis.prefix }, encryption, keyring });

async function clearRedis(): Promise<void> {
  const keys = await redis.keys();
  if (keys.length > 0) await redis.admin.del(...keys);
}

runTrackerStoreContract('Encrypted(Cached(Retrying(Postgres)))', async () => {
  // a TRUNCATE behind the stores' back: the cache must forget too
  await db.truncate();
  await clearRedis();
  const store = await open();
  return { store, [Symbol.asyncDispose]: () => store.close() };
});

/** An order conversation: phone as an entity, address typed into a form (from_text), a confirmation. */
function orderTurns(): Event[][] {
  const user = (text: string, entities: { entity: string; value: string; start: number; end: number }[] = []) =>
    userEvent(text, { text, intent: { name: 'inform', confidence: 0.95 }, entities });
  return [
    [actionEvent('action_session_start'), { event: 'session_started', timestamp: 1 } as Event, actionEvent('action_listen'),
      user('我要订餐'), actionEvent('order_form'), activeLoopEvent('order_form'), slotEvent('requested_slot', 'phone'), botEvent('请留下电话'), actionEvent('action_listen')],
    [user(`电话 ${PHONE}`, [{ entity: 'phone', value: PHONE, start: 3, end: 14 }]), slotEvent('phone', PHONE), actionEvent('order_form'),
      slotEvent('requested_slot', 'address'), botEvent('请问送到哪里？'), actionEvent('action_listen')],
    [user(ADDRESS), slotEvent('address', ADDRESS), actionEvent('order_form'), activeLoopEvent(null), slotEvent('requested_slot', null),
      botEvent(`好的，送到 ${ADDRESS}，联系电话 ${PHONE}`), actionEvent('action_listen')],
  ];
}

async function dumpPostgres(): Promise<string> {
  const { rows: tables } = await db.admin.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [db.schema]);
  const parts: string[] = [];
  for (const t of tables) {
    const { rows } = await db.admin.query<{ row: string }>(`SELECT t::text AS row FROM "${db.schema}"."${t.table_name}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

async function dumpRedis(): Promise<string> {
  const parts: string[] = [];
  for (const key of await redis.keys()) {
    const type = await redis.admin.type(key);
    parts.push(key);
    if (type === 'string') parts.push((await redis.admin.get(key)) ?? '');
    else if (type === 'hash') parts.push(JSON.stringify(await redis.admin.hgetall(key)));
    else if (type === 'list') parts.push(...(await redis.admin.lrange(key, 0, -1)));
  }
  return parts.join('\n');
}

function cacheOf(store: TrackerStore): CachedTrackerStore {
  const inner = (store as EncryptedTrackerStore).inner;
  if (!(inner instanceof CachedTrackerStore)) throw new Error('expected Encrypted(Cached(...))');
  return inner;
}

describe('Encrypted(Cached(Retrying(Postgres)))', () => {
  it('keeps every sensitive value out of PostgreSQL and Redis, and returns it to the reader', async () => {
    await db.truncate();
    await clearRedis();
    const store = await open();
    for (const id of ['order-1', 'order-2']) {
      for (const batch of orderTurns()) await store.append(id, batch, (await store.retrieve(id))?.seq ?? 0);
    }
    expect(cacheOf(store).stats.hits).toBeGreaterThan(0);
    const back = await store.retrieve('order-1');
    expect(back?.events.find((e) => e.event === 'slot' && e.name === 'phone')).toMatchObject({ value: PHONE });
    expect(back?.events.filter((e) => e.event === 'bot').at(-1)).toMatchObject({ text: `好的，送到 ${ADDRESS}，联系电话 ${PHONE}` });
    expect(back?.events.find((e) => e.event === 'user' && e.text === ADDRESS)).toBeDefined();
    const pgDump = await dumpPostgres();
    const redisDump = await dumpRedis();
    expect(pgDump).toContain('请问送到哪里？'); // the dump is real
    expect(redisDump).toContain('请问送到哪里？');
    for (const secret of [PHONE, ADDRESS, '12345678', '世纪大道']) {
      expect(pgDump).not.toContain(secret);
      expect(redisDump).not.toContain(secret);
    }
    await store.close();
  });

  it('rotates keys: rows re-encrypted under the newest key, readable without the old one', async () => {
    await db.truncate();
    const store = await open();
    for (const batch of orderTurns()) await store.append('rot', batch, (await store.retrieve('rot'))?.seq ?? 0);
    await store.close();
    const k2 = { id: 'k2', key: randomBytes(32) };
    const base = await db.openStore();
    const report = await rotateKeys(base, new Keyring([k1, k2]));
    expect(report.conversations).toBe(1);
    expect(await dumpPostgres()).not.toMatch(/"kid": "k1"/);
    await clearRedis();
    const onlyNew = await open(new Keyring([k2]));
    expect((await onlyNew.retrieveFull('rot'))?.events.find((e) => e.event === 'slot' && e.name === 'address')).toMatchObject({ value: ADDRESS });
    await onlyNew.close();
  });

  it('retries a turn whose connection was killed with pg_terminate_backend', async () => {
    await db.truncate();
    const base = await db.openStore({ poolSize: 2 });
    const store = new RetryingTrackerStore(base, { baseDelayMs: 10 });
    await store.append('kill', [slotEvent('a', 1)], 0);
    const locker = await db.admin.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE parley_events IN ACCESS EXCLUSIVE MODE');
      const { rows: [me] } = await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pending = store.append('kill', [slotEvent('b', 2)], 1);
      let victims: number[] = [];
      for (let i = 0; i < 100 && victims.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const { rows } = await db.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [me?.pid]);
        victims = rows.map((r) => r.pid);
      }
      expect(victims.length).toBeGreaterThan(0);
      await db.admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [victims]);
      await locker.query('ROLLBACK');
      expect(await pending).toBe(2);
      expect(store.retries).toBeGreaterThanOrEqual(1);
      expect((await store.retrieveFull('kill'))?.events.map((e) => (e as { name: string }).name)).toEqual(['a', 'b']);
    } finally {
      locker.release();
      await store.close();
    }
  });
});
