// Faults injected under load: two `parley run` processes reach PostgreSQL and Redis through TCP
// proxies the test cuts while a dozen conversations keep talking. Every reply is the bot's answer
// or the one friendly error text; every stored turn is whole (seq contiguous, each user message
// followed by its replies and action_listen); every answered message is durable; and once the
// faults are over, every conversation carries on.
import { randomBytes } from 'node:crypto';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRIENDLY_ERROR_TEXT_ZH } from '../../src/server/server-options.js';
import { runCli, startCliServer, stopCliServer } from '../support/cli.js';
import { examplePath } from '../support/example-server.js';
import { TEST_PG_URL } from '../support/postgres.js';
import { freePort } from '../support/net.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const SENDERS = 12;
const LOAD_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Exchange { sender: string; n: number; status: number; texts: string[] }

describe('store faults under load', () => {
  const id = randomBytes(4).toString('hex');
  const schema = `parley_faults_${id}`;
  const prefix = `parley-faults-${id}:`;
  let tmp: TempDir;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let ports: number[] = [];
  let servers: ChildProcess[] = [];
  const admin = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });

  const say = async (port: number, sender: string, n: number): Promise<Exchange> => {
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/rest/webhook`, { method: 'POST', body: JSON.stringify({ sender, message: `你好 ${n}` }) });
    const body = (await res.json()) as { text?: string }[];
    return { sender, n, status: res.status, texts: body.map((m) => m.text ?? '') };
  };
  const counter = async (port: number, name: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return text.split('\n').filter((l) => l.startsWith(name)).reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  };

  beforeAll(async () => {
    pgProxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    redisProxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    tmp = await makeTempDir('parley-faults-');
    const project = join(tmp.path, 'bot');
    await cp(examplePath('order-zh'), project, { recursive: true, filter: (s) => !/[\\/](models|results|\.parley)([\\/]|$)/.test(s) });
    const redisAt = ['    url: 127.0.0.1', `    port: ${redisProxy.port}`];
    await writeFile(join(project, 'endpoints.yml'), [
      'tracker_store:', '  type: sql', '  dialect: postgresql', '  url: 127.0.0.1', `  port: ${pgProxy.port}`, '  db: test', '  username: postgres', `  schema: ${schema}`,
      'lock_store:', '  type: redis', '  url: 127.0.0.1', `  port: ${redisProxy.port}`, `  key_prefix: "${prefix}lock:"`,
      'parley:', '  cache:', '    type: redis', ...redisAt, `    key_prefix: "${prefix}cache:"`,
      '  nlu_cache:', '    type: redis', ...redisAt, `    key_prefix: "${prefix}nlu:"`, '',
    ].join('\n'));
    expect((await runCli(['train', '-p', project, '-q'])).code).toBe(0);
    ports = [await freePort(), await freePort()];
    servers = await Promise.all(ports.map((p) => startCliServer(['-p', project], p)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopCliServer));
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin.end();
    await Promise.all([pgProxy.close(), redisProxy.close()]);
    await tmp[Symbol.asyncDispose]();
  });

  it('answers every message or says the friendly text, keeps every turn whole and durable, and recovers', async () => {
    const exchanges: Exchange[] = [];
    const started = Date.now();
    const load = Array.from({ length: SENDERS }, async (_, s) => {
      const sender = `load-${s}`;
      // each conversation alternates between the two processes, one message at a time
      for (let n = 0; Date.now() - started < LOAD_MS; n++) exchanges.push(await say(ports[(s + n) % 2] as number, sender, n));
    });
    const faults = (async () => {
      await sleep(600);
      await pgProxy.stop(); // PostgreSQL gone for a second: in-flight queries die, new connections are refused
      await sleep(1_000);
      await pgProxy.start();
      await sleep(1_000);
      await redisProxy.stop(); // Redis gone for a second: cache, lock and NLU cache
      await sleep(1_000);
      await redisProxy.start();
    })();
    await Promise.all([...load, faults]);
    await sleep(500);
    const after = await Promise.all(Array.from({ length: SENDERS }, (_, s) => say(ports[s % 2] as number, `load-${s}`, 10_000)));

    for (const x of [...exchanges, ...after]) {
      expect(x.status).toBe(200);
      expect(x.texts.length).toBeGreaterThan(0);
      if (x.texts.includes(FRIENDLY_ERROR_TEXT_ZH)) expect(x.texts).toEqual([FRIENDLY_ERROR_TEXT_ZH]);
      for (const t of x.texts) expect(t).not.toMatch(/Error|\n\s+at /);
    }
    const failed = exchanges.filter((x) => x.texts[0] === FRIENDLY_ERROR_TEXT_ZH);
    expect(after.every((x) => x.texts[0] !== FRIENDLY_ERROR_TEXT_ZH)).toBe(true);
    expect(exchanges.length - failed.length).toBeGreaterThan(SENDERS * 5);
    // the cut was felt and ridden out by retries
    expect((await counter(ports[0] as number, 'parley_tracker_store_retries_total')) + (await counter(ports[1] as number, 'parley_tracker_store_retries_total'))).toBeGreaterThan(0);

    for (let s = 0; s < SENDERS; s++) {
      const sender = `load-${s}`;
      const { rows } = await admin.query<{ seq: number; payload: { event: string; text?: string; name?: string } }>(
        `SELECT seq, payload FROM "${schema}".parley_events WHERE conversation_id = $1 ORDER BY seq`, [sender]);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      const events = rows.map((r) => r.payload);
      const stored = events.filter((e) => e.event === 'user').map((e) => Number(e.text?.split(' ')[1]));
      expect(stored).toEqual([...stored].sort((a, b) => a - b)); // send order, no duplicates
      expect(new Set(stored).size).toBe(stored.length);
      events.forEach((e, i) => {
        if (e.event === 'user' && i > 3) expect(events[i - 1]).toMatchObject({ event: 'action', name: 'action_listen' });
      });
      expect(events.at(-1)).toMatchObject({ event: 'action', name: 'action_listen' });
      // an answered message is durable; a failed one left nothing behind or a whole turn
      const answered = [...exchanges, ...after].filter((x) => x.sender === sender && x.texts[0] !== FRIENDLY_ERROR_TEXT_ZH).map((x) => x.n);
      for (const n of answered) expect(stored).toContain(n);
    }
  }, 60_000);
});
