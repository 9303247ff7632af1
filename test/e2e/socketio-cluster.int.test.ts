// Two Parley servers (each its own Agent, stores and socket.io server, as two `parley run`
// processes) sharing PostgreSQL and Redis, with no sticky sessions: a socket connected to A gets
// the reply to a message handled by B, and a state subscriber on A sees B's turns within a second
// — while no sensitive plaintext crosses Redis pub/sub.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateChange } from '../../src/agent-api.js';
import { RedisStateBus } from '../../src/stores/bus/redis-state-bus.js';
import { identityStoreFor } from '../../src/stores/create-stores.js';
import { EncryptedTrackerStore } from '../../src/stores/encryption/encrypted-tracker-store.js';
import { Keyring } from '../../src/stores/encryption/keyring.js';
import { RedisLockStore } from '../../src/stores/redis/redis-lock-store.js';
import { examplePath, startServer, type RunningServer } from '../support/example-server.js';
import { freshPostgresSchema, type TestSchema } from '../support/postgres.js';
import { TEST_REDIS_URL } from '../support/redis.js';

const PHONE = '13987654321';
const sensitive = { sensitiveSlots: ['phone', 'address'], sensitiveEntities: ['phone', 'address'] };

describe('two servers sharing PostgreSQL and Redis', () => {
  const prefix = `parley-test:cluster:${randomBytes(4).toString('hex')}:`;
  const keyring = new Keyring([{ id: 'k1', key: randomBytes(32) }]);
  let pg: TestSchema;
  let a: RunningServer;
  let b: RunningServer;
  const sockets: Socket[] = [];
  const spy = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const published: string[] = [];

  const startOne = async (): Promise<RunningServer> => {
    const base = await pg.openStore({ poolSize: 3 });
    return startServer({
      project: examplePath('order-zh'),
      agent: {
        trackerStore: new EncryptedTrackerStore(base, keyring, sensitive),
        lockStore: await RedisLockStore.open({ url: TEST_REDIS_URL, keyPrefix: `${prefix}lock:` }),
        stateBus: await RedisStateBus.open({ url: TEST_REDIS_URL, keyPrefix: prefix }),
        identityStore: identityStoreFor(base),
        ...sensitive,
      },
      server: { channels: { rest: {}, socketio: { sessionPersistence: true, redisUrl: TEST_REDIS_URL } } },
    });
  };

  beforeAll(async () => {
    pg = await freshPostgresSchema('parley_cluster');
    await spy.connect();
    await spy.psubscribe(`${prefix}state:*`);
    spy.on('pmessage', (_p: string, _c: string, m: string) => published.push(m));
    a = await startOne();
    b = await startOne();
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await a?.close();
    await b?.close();
    spy.disconnect();
    await pg?.[Symbol.asyncDispose]();
  });

  const joinSession = async (server: RunningServer, sessionId: string): Promise<Socket> => {
    const socket = io(server.url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const confirmed = new Promise((resolve) => socket.once('session_confirm', resolve));
    socket.emit('session_request', { session_id: sessionId });
    await confirmed;
    return socket;
  };

  it('a socket on A receives what a turn handled on B sends to its session room', async () => {
    const socket = await joinSession(a, 'cross-1');
    const received: unknown[] = [];
    socket.on('bot_uttered', (m: unknown) => received.push(m));
    const res = await fetch(`${b.url}/conversations/cross-1/trigger_intent?output_channel=socketio`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'greet' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => received.length, { timeout: 2000 }).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ text: expect.stringMatching(/小馋猫|欢迎/) });
    expect((received[0] as { quick_replies?: unknown[] }).quick_replies?.length).toBeGreaterThan(0);
  });

  it('a user message sent by a socket on B is answered to the socket on A in the same session', async () => {
    const onA = await joinSession(a, 'cross-2');
    const onB = await joinSession(b, 'cross-2');
    const received: { text?: string }[] = [];
    onA.on('bot_uttered', (m: { text?: string }) => received.push(m));
    onB.emit('user_uttered', { message: '我要两份牛肉套餐', session_id: 'cross-2' });
    await expect.poll(() => received.length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(received.map((m) => m.text).join(' ')).toMatch(/电话|手机/);
  });

  it('a state subscriber on A sees a turn handled on B within a second; Redis carries only masked values', async () => {
    const masked: StateChange[] = [];
    const plain: StateChange[] = [];
    const offMasked = a.agent.subscribe('cross-3', (c) => masked.push(c));
    const offPlain = a.agent.subscribe('cross-3', (c) => plain.push(c), { authorized: true });
    await new Promise((r) => setTimeout(r, 100)); // the SUBSCRIBE reaches Redis
    await b.say('cross-3', '我要一份鸡腿套餐');
    const sent = Date.now();
    await b.say('cross-3', PHONE);
    await expect.poll(() => masked.length, { timeout: 1000, interval: 20 }).toBe(2);
    expect(Date.now() - sent).toBeLessThan(1000);
    await expect.poll(() => plain.length, { timeout: 1000, interval: 20 }).toBe(2);
    offMasked();
    offPlain();

    const phoneTurn = masked[1] as StateChange;
    expect(phoneTurn.turn).toMatchObject({ user_text: '139****4321', intent: { name: 'inform' } });
    expect(phoneTurn.state).toMatchObject({ masked: true, slots: { phone: '139****4321', meal: '鸡腿套餐' }, active_form: 'order_form', requested_slot: 'address' });
    expect(typeof phoneTurn.turn.latency_ms).toBe('number');
    expect(plain[1]?.state).toMatchObject({ masked: false, slots: { phone: PHONE } });
    expect(plain[1]?.turn.user_text).toBe(PHONE);

    expect(published.length).toBeGreaterThan(0);
    expect(published.join('\n')).not.toContain(PHONE);
  });

  it('identity links are shared: an id linked through A continues the conversation on B', async () => {
    const link = await fetch(`${a.url}/identities/link`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel_user_id: 'wx:o6_bm-cluster', conversation_id: 'cross-3' }),
    });
    expect(link.status).toBe(200);
    // the address completes the order begun as cross-3: the summary holds that conversation's meal and phone
    const done = await b.say('wx:o6_bm-cluster', '北京市海淀区中关村大街1号');
    const summary = done.map((m) => m['text']).join(' ');
    expect(summary).toContain('鸡腿套餐');
    expect(summary).toContain(PHONE);
    const state = await (await fetch(`${a.url}/conversations/cross-3/state`)).json() as { slots: Record<string, unknown>; active_form: string | null };
    expect(state.active_form).toBeNull();
  });
});
