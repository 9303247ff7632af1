// The EventBroker contract against this machine's NATS JetStream (PARLEY_TEST_NATS_HOST/PORT,
// default 127.0.0.1:4222), plus the NATS specifics: per-conversation subjects, stream creation.
import { randomBytes } from 'node:crypto';
import { connect, type JsMsg } from 'nats';
import { describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../test/support/tcp-proxy.js';
import { userEvent } from '../core/index.js';
import { parseEventBrokerConfig } from './broker-config.js';
import { Inbox } from './contracts/inbox.test-helper.js';
import { runEventBrokerContract, type EventBrokerHarness } from './contracts/event-broker.contract.js';
import { createEventBroker } from './create-event-broker.js';
import { subjectToken } from './nats-transport.js';

const HOST = process.env['PARLEY_TEST_NATS_HOST'] ?? '127.0.0.1';
const PORT = Number(process.env['PARLEY_TEST_NATS_PORT'] ?? 4222);

async function natsHarness(opts: { bufferSize: number; closeTimeoutMs: number }): Promise<EventBrokerHarness & { messages: Inbox<JsMsg>; prefix: string }> {
  const tag = randomBytes(4).toString('hex');
  const stream = `PARLEY_TEST_${tag}`;
  const prefix = `parley.test${tag}`;
  const proxy = await startTcpProxy({ host: HOST, port: PORT });
  const nc = await connect({ servers: `${HOST}:${PORT}` });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: stream, subjects: [`${prefix}.*`] });
  const consumer = await nc.jetstream().consumers.get(stream);
  const inbox = new Inbox<Record<string, unknown>>();
  const messages = new Inbox<JsMsg>();
  const iter = await consumer.consume();
  void (async () => {
    for await (const m of iter) {
      inbox.push(m.json<Record<string, unknown>>());
      messages.push(m);
    }
  })();
  const cfg = parseEventBrokerConfig({
    type: 'nats', url: `nats://127.0.0.1:${proxy.port}`, subject: `${prefix}.{conversation_id}`, stream,
    buffer_size: opts.bufferSize, retry_delay_in_seconds: 0.2,
  });
  const broker = createEventBroker(cfg, { closeTimeoutMs: opts.closeTimeoutMs, connectTimeoutMs: 2000 });
  return {
    broker, messages, prefix,
    beginOutage: () => proxy.stop(),
    endOutage: () => proxy.start(),
    receive: (count, timeoutMs) => inbox.receive(count, timeoutMs),
    async [Symbol.asyncDispose]() {
      await broker.close();
      await proxy.close();
      await iter.close();
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    },
  };
}

runEventBrokerContract('NATS JetStream', (opts) => natsHarness(opts));

describe('NATS event broker specifics', () => {
  it('publishes each event on the conversation\'s subject, the id encoded as one token', async () => {
    const h = await natsHarness({ bufferSize: 100, closeTimeoutMs: 2000 });
    try {
      h.broker.publish('user.42 *x>', userEvent('hi', { text: 'hi', intent: null, entities: [] }));
      expect(await h.broker.flush(10_000)).toBe(true);
      const [msg] = await h.messages.receive(1);
      expect(msg?.subject).toBe(`${h.prefix}.${subjectToken('user.42 *x>')}`);
      expect(decodeURIComponent(msg?.subject.slice(h.prefix.length + 1) ?? '')).toBe('user.42 *x>');
      expect(msg?.json()).toMatchObject({ sender_id: 'user.42 *x>', event: 'user', text: 'hi' });
    } finally {
      await h[Symbol.asyncDispose]();
    }
  });

  it('creates the stream when it does not exist', async () => {
    const tag = randomBytes(4).toString('hex');
    const stream = `PARLEY_NEW_${tag}`;
    const broker = createEventBroker(parseEventBrokerConfig({ type: 'nats', url: `nats://${HOST}:${PORT}`, subject: `parley.new${tag}.{conversation_id}`, stream }));
    const nc = await connect({ servers: `${HOST}:${PORT}` });
    try {
      broker.publish('c', userEvent('x', { text: 'x', intent: null, entities: [] }));
      expect(await broker.flush(10_000)).toBe(true);
      const info = await (await nc.jetstreamManager()).streams.info(stream);
      expect(info.config.subjects).toEqual([`parley.new${tag}.*`]);
      expect(info.state.messages).toBe(1);
    } finally {
      await broker.close();
      await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
      await nc.close();
    }
  });
});
