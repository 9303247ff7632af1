// bench/state: the turn store on the machine's PostgreSQL and Redis.
//  1. latency of one turn (retrieve + append of ~6 events) with 10 vs 1,000 events of history,
//     through Cached(Postgres) and Postgres alone (target: within 1.2x). The 1,000-event
//     history lies in earlier sessions, as in a long-lived conversation; a single 1,000-event
//     session is shown too, for information.
//  2. throughput of storing turns through Cached(Postgres) (the append: one PostgreSQL statement
//     and the Redis write-through) vs a bare loop of one pg INSERT + one Redis SET per turn, same
//     concurrency and pool, same run (target: >= 80 %). For information, a full turn (Redis read,
//     then the append) against a bare loop with the same three round trips (GET, INSERT, SET).
// Medians over rounds; prints a table and writes bench/results/state.md.
//   npx tsx bench/state/run.ts [--rounds 5] [--seconds 4] [--concurrency 32]
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { actionEvent, botEvent, sessionStartedEvent, slotEvent, userEvent, type Event } from '../../src/core/index.js';
import { PostgresTrackerStore } from '../../src/stores/postgres/postgres-tracker-store.js';
import { CachedTrackerStore } from '../../src/stores/redis/cached-tracker-store.js';
import { openRedis } from '../../src/stores/redis/redis-connection.js';
import { RedisSnapshotCache } from '../../src/stores/redis/redis-snapshot-cache.js';
import type { TrackerStore } from '../../src/stores/tracker-store.js';

const { values } = parseArgs({ options: {
  rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '4' }, concurrency: { type: 'string', default: '32' },
  pg: { type: 'string', default: process.env['PARLEY_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test' },
  redis: { type: 'string', default: process.env['PARLEY_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
} });
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const schema = `parley_bench_${randomBytes(3).toString('hex')}`;
const prefix = `parley-bench:${randomBytes(3).toString('hex')}:`;
const POOL = 10;

const turnEvents = (i: number): Event[] => [
  userEvent(`我要两份套餐 ${i}`, { text: `我要两份套餐 ${i}`, intent: { name: 'order', confidence: 0.97 }, entities: [{ entity: 'count', value: 2, start: 2, end: 3 }] }),
  actionEvent('order_form', { policy: 'RulePolicy', confidence: 1 }), slotEvent('count', 2), slotEvent('requested_slot', 'phone'),
  botEvent('请留下您的电话'), actionEvent('action_listen', { policy: 'RulePolicy', confidence: 1 }),
];
const sessionStart = (): Event[] => [actionEvent('action_session_start'), sessionStartedEvent(), actionEvent('action_listen')];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// The baseline: what a hand-written loop does per turn, one multi-row INSERT of the turn's events
// (prepared, like the store's statements, so the comparison is with the best bare loop) and one
// Redis SET of them.
function bareInsert(conversationId: string, seq: number, events: readonly Event[]): pg.QueryConfig {
  const values: unknown[] = [];
  const tuples = events.map((e, k) => {
    const intent = e.event === 'user' ? e.parse_data.intent?.name ?? null : null;
    values.push(conversationId, seq + k + 1, e.event, intent, e.event === 'action' ? e.name : null, e.timestamp, JSON.stringify(e));
    const p = k * 7;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, to_timestamp($${p + 6}), $${p + 7}::jsonb)`;
  });
  const columns = '(conversation_id, seq, type, intent, action, timestamp, payload)';
  return { name: `bench_bare_${events.length}`, text: `INSERT INTO parley_events ${columns} VALUES ${tuples.join(', ')}`, values };
}

async function turn(store: TrackerStore, id: string, i: number): Promise<void> {
  const cur = await store.retrieve(id);
  await store.append(id, turnEvents(i), cur?.seq ?? 0);
}

/** history: ~10 events in one session, or ~1,000 in earlier sessions before the same current session */
async function seed(store: TrackerStore, id: string, history: 'short' | 'long-old' | 'long-one-session'): Promise<void> {
  const events: Event[] = [];
  if (history === 'long-old') for (let s = 0; s < 55; s++) events.push(...sessionStart(), ...turnEvents(s), ...turnEvents(s), ...turnEvents(s));
  events.push(...sessionStart());
  if (history === 'long-one-session') while (events.length < 990) events.push(...turnEvents(events.length));
  events.push(...turnEvents(0));
  await store.replace(id, events);
}

async function latency(store: TrackerStore, history: 'short' | 'long-old' | 'long-one-session', tag: string): Promise<number> {
  const ids = Array.from({ length: 10 }, (_, i) => `${tag}-${history}-${i}`);
  for (const id of ids) await seed(store, id, history);
  for (const id of ids) await store.retrieve(id); // warm the cache as a live conversation would be
  const samples: number[] = [];
  for (let t = 0; t < 10; t++) {
    for (const id of ids) {
      const started = performance.now();
      await turn(store, id, t);
      samples.push(performance.now() - started);
    }
    for (const id of ids) await store.replace(id, (await store.retrieveFull(id))?.events.slice(0, -6) ?? []); // keep history length fixed
  }
  return median(samples);
}

async function throughput(run: (worker: number, i: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    for (let i = 0; performance.now() < deadline; i++) {
      await run(w, i);
      done += 1;
    }
  }));
  return done / seconds;
}

async function main(): Promise<void> {
  const pgStore = await PostgresTrackerStore.open({ url: values.pg, schema, poolSize: POOL });
  const conn = openRedis({ url: values.redis, role: 'bench', commandTimeoutMs: 200 }); // as create-stores does: the cache's timeout
  await conn.connect();
  const cached = new CachedTrackerStore(pgStore, new RedisSnapshotCache(conn, { keyPrefix: prefix }), { timeoutMs: 200 });
  const bare = new pg.Pool({ connectionString: values.pg, max: POOL, options: `-c search_path=${schema}` });
  const bareRedis = new Redis(values.redis, { enableAutoPipelining: false });
  const lat: Record<string, number[]> = {};
  const tps: Throughputs = { store: [], append: [], bare: [], bareRead: [] };
  for (const store of [cached, pgStore]) await latency(store, 'short', 'warmup');
  for (let r = 0; r < rounds; r++) {
    for (const [name, store] of [['Cached(Postgres)', cached], ['Postgres', pgStore]] as const) {
      for (const h of ['short', 'long-old', 'long-one-session'] as const) (lat[`${name}|${h}`] ??= []).push(await latency(store, h, `r${r}`));
    }
    // a conversation of 10 turns per worker at a time: a session's length, so the snapshot stays realistic
    tps.store.push(await throughput((w, i) => turn(cached, `tp-r${r}-w${w}-${Math.floor(i / 10)}`, i)));
    // the write path alone: the same I/O as the bare loop (one PostgreSQL write, one Redis write)
    const heads = new Map<number, number>();
    tps.append.push(await throughput(async (w, i) => {
      const id = `ap-r${r}-w${w}-${Math.floor(i / 10)}`;
      heads.set(w, await cached.append(id, turnEvents(i), i % 10 === 0 ? 0 : heads.get(w) ?? 0));
    }));
    for (const read of [false, true]) {
      const seqs = new Map<number, number>();
      (read ? tps.bareRead : tps.bare).push(await throughput(async (w, i) => {
        const key = `${prefix}bare${read ? 'read' : ''}:${w}`;
        if (read) JSON.parse((await bareRedis.get(key)) ?? '[]');
        const seq = seqs.get(w) ?? 0;
        const events = turnEvents(i);
        await bare.query(bareInsert(`bare${read ? 'read' : ''}-r${r}-w${w}`, seq, events));
        seqs.set(w, seq + events.length);
        await bareRedis.set(key, JSON.stringify(events), 'EX', 600);
      }));
    }
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }
  report(lat, tps);
  const keys = await bareRedis.keys(`${prefix}*`);
  if (keys.length > 0) await bareRedis.del(...keys);
  await bare.query(`DROP SCHEMA "${schema}" CASCADE`);
  await Promise.all([cached.close(), bare.end()]);
  conn.disconnect();
  bareRedis.disconnect();
}

interface Throughputs { store: number[]; append: number[]; bare: number[]; bareRead: number[] }

function report(lat: Record<string, number[]>, tps: Throughputs): void {
  const m = (k: string) => median(lat[k] ?? []);
  const rows = ['Cached(Postgres)', 'Postgres'].map((name) => {
    const short = m(`${name}|short`);
    const old = m(`${name}|long-old`);
    const one = m(`${name}|long-one-session`);
    return `| ${name} | ${short.toFixed(2)} | ${old.toFixed(2)} | ${(old / short).toFixed(2)}x ${old / short <= 1.2 ? '✅' : '❌'} | ${one.toFixed(2)} (${(one / short).toFixed(2)}x) |`;
  });
  const store = median(tps.store);
  const bareTps = median(tps.bare);
  const ratio = store / bareTps;
  const appendTps = median(tps.append);
  const appendRatio = appendTps / bareTps;
  const bareReadTps = median(tps.bareRead);
  const md = [
    '# bench/state', '',
    `PostgreSQL + Redis on this machine; ${rounds} rounds, medians. A turn = retrieve + append of 6 events.`, '',
    '## Turn latency (ms, median) vs history', '',
    '| store | 10 events | 1,000 events (older sessions) | ratio (target ≤ 1.2x) | 1,000 events in one session (info) |',
    '| --- | --- | --- | --- | --- |', ...rows, '',
    `## Throughput (${concurrency} concurrent conversations, pool ${POOL}, ${seconds} s per round)`, '',
    '| loop | turns/s | vs bare (target ≥ 80 %) |', '| --- | --- | --- |',
    `| bare pg INSERT + Redis SET | ${bareTps.toFixed(0)} | 100 % |`,
    `| Cached(Postgres) append: storing a turn (1 PG statement + 1 Redis script) | ${appendTps.toFixed(0)} | ${(appendRatio * 100).toFixed(0)} % ${appendRatio >= 0.8 ? '✅' : '❌'} |`, '',
    'For information, a whole turn (read the conversation, then store the turn): three sequential round trips instead of two.', '',
    '| loop | turns/s | vs bare INSERT + SET | vs bare GET + INSERT + SET |', '| --- | --- | --- | --- |',
    `| bare Redis GET + pg INSERT + Redis SET | ${bareReadTps.toFixed(0)} | ${(bareReadTps / bareTps * 100).toFixed(0)} % | 100 % |`,
    `| Cached(Postgres) full turn (retrieve from Redis + append) | ${store.toFixed(0)} | ${(ratio * 100).toFixed(0)} % | ${(store / bareReadTps * 100).toFixed(0)} % |`, '',
    `Machine: ${cpus().length} cores shared with PostgreSQL, Redis and other workloads (load average ${loadavg()[0]?.toFixed(1)}).`, '',
  ].join('\n');
  console.log(md);
  mkdirSync(join(import.meta.dirname, '../results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, '../results/state.md'), md);
}

await main();
