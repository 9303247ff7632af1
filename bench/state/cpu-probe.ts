// Where a turn's CPU goes: runs one throughput loop for a few seconds and reports, per 1,000 turns,
// the CPU milliseconds spent by this Node process, redis-server and all postgres processes.
//   npx tsx bench/state/cpu-probe.ts --loop bare|append|turn|read [--seconds 6]
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { actionEvent, botEvent, slotEvent, userEvent, type Event } from '../../src/core/index.js';
import { PostgresTrackerStore } from '../../src/stores/postgres/postgres-tracker-store.js';
import { CachedTrackerStore } from '../../src/stores/redis/cached-tracker-store.js';
import { openRedis } from '../../src/stores/redis/redis-connection.js';
import { RedisSnapshotCache } from '../../src/stores/redis/redis-snapshot-cache.js';

const { values } = parseArgs({ options: { loop: { type: 'string', default: 'turn' }, seconds: { type: 'string', default: '6' }, concurrency: { type: 'string', default: '32' } } });
const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `parley_probe_${randomBytes(3).toString('hex')}`;
const prefix = `parley-probe:${randomBytes(3).toString('hex')}:`;
const turnEvents = (i: number): Event[] => [
  userEvent(`我要两份套餐 ${i}`, { text: `我要两份套餐 ${i}`, intent: { name: 'order', confidence: 0.97 }, entities: [{ entity: 'count', value: 2, start: 2, end: 3 }] }),
  actionEvent('order_form', { policy: 'RulePolicy', confidence: 1 }), slotEvent('count', 2), slotEvent('requested_slot', 'phone'),
  botEvent('请留下您的电话'), actionEvent('action_listen', { policy: 'RulePolicy', confidence: 1 }),
];
const ticks = (pids: string[]) => pids.reduce((sum, p) => {
  try { const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' '); return sum + Number(f[11]) + Number(f[12]); } catch { return sum; }
}, 0);
const pidsOf = (name: string) => execSync(`pgrep -x ${name} || true`).toString().trim().split('\n').filter(Boolean);

const pgStore = await PostgresTrackerStore.open({ url, schema, poolSize: 10 });
const conn = openRedis({ url: 'redis://127.0.0.1:6379', role: 'bench', commandTimeoutMs: 200 });
await conn.connect();
const cached = new CachedTrackerStore(pgStore, new RedisSnapshotCache(conn, { keyPrefix: prefix }), { timeoutMs: 200 });
const bare = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
const bareRedis = new Redis('redis://127.0.0.1:6379', { enableAutoPipelining: false });
const seqs = new Map<string, number>();
const loops: Record<string, (w: number, i: number) => Promise<void>> = {
  bare: async (w, i) => {
    const id = `bare-${w}`; const seq = seqs.get(id) ?? 0; const events = turnEvents(i);
    const vals: unknown[] = [];
    const tuples = events.map((e, k) => {
      vals.push(id, seq + k + 1, e.event, e.event === 'user' ? e.parse_data.intent?.name ?? null : null, e.event === 'action' ? e.name : null, e.timestamp, JSON.stringify(e));
      const p = k * 7;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, to_timestamp($${p + 6}), $${p + 7}::jsonb)`;
    });
    await bare.query({ name: 'probe_bare', text: `INSERT INTO parley_events (conversation_id, seq, type, intent, action, timestamp, payload) VALUES ${tuples.join(', ')}`, values: vals });
    seqs.set(id, seq + events.length);
    await bareRedis.set(`${prefix}bare:${w}`, JSON.stringify(events), 'EX', 600);
  },
  append: async (w, i) => { const id = `ap-${w}-${Math.floor(i / 10)}`; seqs.set(id, await cached.append(id, turnEvents(i), i % 10 === 0 ? 0 : seqs.get(id) ?? 0)); },
  turn: async (w, i) => { const id = `tu-${w}-${Math.floor(i / 10)}`; const cur = await cached.retrieve(id); await cached.append(id, turnEvents(i), cur?.seq ?? 0); },
};
const run = loops[values.loop ?? 'turn']!;
const procs = { redis: pidsOf('redis-server'), postgres: pidsOf('postgres') };
// warm-up
let deadline = performance.now() + 1000;
await Promise.all(Array.from({ length: Number(values.concurrency) }, async (_, w) => { for (let i = 0; performance.now() < deadline; i++) await run(w + 1000, i); }));
procs.postgres = pidsOf('postgres');
const before = { node: process.cpuUsage(), redis: ticks(procs.redis), postgres: ticks(procs.postgres) };
deadline = performance.now() + Number(values.seconds) * 1000;
let done = 0;
await Promise.all(Array.from({ length: Number(values.concurrency) }, async (_, w) => { for (let i = 0; performance.now() < deadline; i++) { await run(w, i); done++; } }));
const cpu = process.cpuUsage(before.node);
const per1k = (ms: number) => (ms / done * 1000).toFixed(0);
console.log(`${values.loop}: ${(done / Number(values.seconds)).toFixed(0)} turns/s; CPU ms per 1k turns: node ${per1k((cpu.user + cpu.system) / 1000)} (sys ${per1k(cpu.system / 1000)}), redis ${per1k((ticks(procs.redis) - before.redis) * 10)}, postgres ${per1k((ticks(procs.postgres) - before.postgres) * 10)}`);
await bare.query(`DROP SCHEMA "${schema}" CASCADE`);
const keys = await bareRedis.keys(`${prefix}*`); if (keys.length) await bareRedis.del(...keys);
await Promise.all([cached.close(), bare.end()]); conn.disconnect(); bareRedis.disconnect();
