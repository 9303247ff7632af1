// Three `parley run` processes sharing one PostgreSQL and one Redis: FIFO turns of one
// conversation across processes, turns that survive a stalled Redis, no plaintext of sensitive
// values in any store, JWT scoping, and a conversation that continues after a restart.
import { randomBytes } from 'node:crypto';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createSigner } from 'fast-jwt';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer, stopCliServer } from '../support/cli.js';
import { examplePath } from '../support/example-server.js';
import { TEST_PG_URL } from '../support/postgres.js';
import { freePort } from '../support/net.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const PHONE = '13912345678';
const ADDRESS = '杭州市西湖区文三路478号';
const JWT_SECRET = 'e2e-jwt-secret';

describe('three processes sharing PostgreSQL and Redis', () => {
  const id = randomBytes(4).toString('hex');
  const schema = `parley_e2e_${id}`;
  const prefix = `parley-e2e-${id}:`;
  const env = { PARLEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };
  let tmp: TempDir;
  let project: string;
  let ports: number[] = [];
  let servers: ChildProcess[] = [];
  const admin = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });

  const say = async (port: number, sender: string, message: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/rest/webhook`, { method: 'POST', headers, body: JSON.stringify({ sender, message }) });
    expect(res.status).toBe(200);
    return (await res.json()) as { text?: string }[];
  };
  let logs = '';
  const start = async () => {
    // info level, as in production: every turn is logged, and still no sensitive value may appear
    servers = await Promise.all(ports.map((p) => startCliServer(['-p', project, '--jwt-secret', JWT_SECRET, '--log-level', 'info'], p, { env })));
    for (const s of servers) for (const out of [s.stdout, s.stderr]) out?.on('data', (c: Buffer) => { logs += c.toString('utf8'); });
  };

  beforeAll(async () => {
    await redis.connect();
    tmp = await makeTempDir('parley-shared-');
    project = join(tmp.path, 'bot');
    await cp(examplePath('order-zh'), project, { recursive: true, filter: (s) => !/[\\/](models|results|\.parley)([\\/]|$)/.test(s) });
    await writeFile(join(project, 'endpoints.yml'), [
      'tracker_store:', '  type: sql', '  dialect: postgresql', '  url: 127.0.0.1', '  db: test', '  username: postgres', `  schema: ${schema}`,
      'lock_store:', '  type: redis', '  url: 127.0.0.1', `  key_prefix: "${prefix}lock:"`,
      'parley:', '  cache:', '    type: redis', '    url: 127.0.0.1', `    key_prefix: "${prefix}cache:"`,
      '  nlu_cache:', '    type: redis', '    url: 127.0.0.1', `    key_prefix: "${prefix}nlu:"`,
      '  encryption:', '    sensitive_slots: [phone, address]', '    sensitive_entities: [phone, address]', '',
    ].join('\n'));
    expect((await runCli(['train', '-p', project, '-q'])).code).toBe(0);
    ports = [await freePort(), await freePort(), await freePort()];
    await start();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopCliServer));
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin.end();
    await tmp[Symbol.asyncDispose]();
  });

  it('runs 100 simultaneous messages to one conversation as 100 whole turns in arrival order', async () => {
    const sender = 'fifo-user';
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      sends.push(say(ports[i % 3] as number, sender, `你好 ${i}`));
      await new Promise((r) => setTimeout(r, 25)); // a known sending order
    }
    await Promise.all(sends);
    const res = await fetch(`http://127.0.0.1:${ports[0]}/conversations/${sender}/tracker?include_events=ALL`, { headers: { authorization: `Bearer ${createSigner({ key: JWT_SECRET })({ user: { username: 'ops', role: 'admin' } })}` } });
    const events = ((await res.json()) as { events: { event: string; text?: string; name?: string }[] }).events;
    const users = events.filter((e) => e.event === 'user').map((e) => Number(e.text?.split(' ')[1]));
    expect([...users].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i)); // each exactly once
    // messages reaching the same process keep their order (tickets are FIFO)...
    for (let p = 0; p < 3; p++) {
      const viaP = users.filter((n) => n % 3 === p);
      expect(viaP).toEqual([...viaP].sort((a, b) => a - b));
    }
    // ...and across processes only scheduling jitter can move a message among its near neighbours: the
    // order that counts is arrival at the lock, and on a loaded 2-core machine a process can take 100 ms
    // (four sending gaps) to get a request there
    users.forEach((n, i) => expect(Math.abs(n - i)).toBeLessThanOrEqual(4));
    // every user message is followed by its own replies, ending in action_listen, before the next one
    events.forEach((e, i) => {
      if (e.event === 'user' && i > 3) expect(events[i - 1]).toMatchObject({ event: 'action', name: 'action_listen' });
    });
    const { rows } = await admin.query<{ seq: string }>(`SELECT seq FROM "${schema}".parley_events WHERE conversation_id = $1 ORDER BY seq`, [sender]);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  });

  it('keeps no plaintext of sensitive values in PostgreSQL or Redis, and a user JWT reads only its own conversation', async () => {
    const sender = 'private-user';
    await say(ports[0] as number, sender, '我要两份牛肉套餐');
    await say(ports[1] as number, sender, PHONE);
    const done = await say(ports[2] as number, sender, ADDRESS);
    expect(done.map((m) => m.text).join('')).toContain(PHONE); // the user sees the confirmation in plaintext
    await say(ports[0] as number, sender, '确认');
    // every row of every table in the schema, as text
    const tables = await admin.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    let pgDump = '';
    for (const { table_name: t } of tables.rows) {
      const { rows } = await admin.query<{ dump: string | null }>(`SELECT string_agg(r::text, E'\\n') AS dump FROM "${schema}"."${t}" r`);
      pgDump += `${rows[0]?.dump ?? ''}\n`;
    }
    expect(pgDump).toContain(sender);
    let redisDump = '';
    for (const key of await redis.keys(`${prefix}*`)) {
      const type = await redis.type(key);
      redisDump += key + (type === 'string' ? (await redis.get(key)) ?? '' : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'list' ? (await redis.lrange(key, 0, -1)).join() : '');
    }
    expect(redisDump.length).toBeGreaterThan(0);
    expect(logs).toContain(sender); // the turns were logged
    for (const secret of [PHONE, ADDRESS, '12345678', '文三路']) {
      expect(pgDump).not.toContain(secret);
      expect(redisDump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    const sign = createSigner({ key: JWT_SECRET });
    const own = sign({ user: { username: sender, role: 'user' } });
    // the placed order ended with a restart, so the values are in the history's slot events: the owner reads them decrypted
    const mine = await fetch(`http://127.0.0.1:${ports[1]}/conversations/${sender}/tracker?include_events=ALL`, { headers: { authorization: `Bearer ${own}` } });
    expect(mine.status).toBe(200);
    const events = ((await mine.json()) as { events: { event: string; name?: string; value?: unknown }[] }).events;
    const values = (slot: string) => events.filter((e) => e.event === 'slot' && e.name === slot).map((e) => e.value);
    expect(values('phone')).toContain(PHONE);
    expect(values('address')).toContain(ADDRESS);
    const other = await fetch(`http://127.0.0.1:${ports[1]}/conversations/fifo-user/tracker`, { headers: { authorization: `Bearer ${own}` } });
    expect(other.status).toBe(403);
  });

  it('keeps answering while Redis stalls', async () => {
    await redis.call('CLIENT', 'PAUSE', '3000', 'ALL');
    const started = Date.now();
    const replies = await Promise.all(ports.map((p, i) => say(p, `stall-${i}`, '你好')));
    expect(replies.every((r) => r.length > 0)).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
    await new Promise((r) => setTimeout(r, 3_200));
  });

  it('continues a conversation after every process restarts', async () => {
    const sender = 'restart-user';
    await say(ports[0] as number, sender, '我要一份鸡腿套餐');
    await Promise.all(servers.map(stopCliServer));
    await start();
    const admin2 = createSigner({ key: JWT_SECRET })({ user: { username: 'ops', role: 'admin' } });
    const res = await fetch(`http://127.0.0.1:${ports[2]}/conversations/${sender}/tracker`, { headers: { authorization: `Bearer ${admin2}` } });
    expect(((await res.json()) as { slots: Record<string, unknown> }).slots).toMatchObject({ meal: '鸡腿套餐', requested_slot: 'phone' });
  });

  it('serves one port from two cluster workers and aggregates their metrics', async () => {
    const port = await freePort();
    const cluster = await startCliServer(['-p', project, '--jwt-secret', JWT_SECRET, '--workers', '2'], port, { env });
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => say(port, `cluster-${i}`, '你好')));
      const admin = createSigner({ key: JWT_SECRET })({ user: { username: 'ops', role: 'admin' } });
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
      const line = text.split('\n').find((l) => l.startsWith('parley_turn_duration_seconds_count{channel="rest"'));
      expect(Number(line?.split(' ').at(-1))).toBe(20);
    } finally {
      expect(await stopCliServer(cluster)).toBe(0);
    }
  });
});
