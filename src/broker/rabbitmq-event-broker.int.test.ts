// The EventBroker contract against this machine's RabbitMQ (PARLEY_TEST_AMQP_HOST/PORT, default
// 127.0.0.1:5672, guest/guest), plus the pika specifics: fanout exchange, every queue, persistence.
import { randomBytes } from 'node:crypto';
import { connect, type ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../test/support/tcp-proxy.js';
import { userEvent } from '../core/index.js';
import { parseEventBrokerConfig } from './broker-config.js';
import { Inbox } from './contracts/inbox.test-helper.js';
import { runEventBrokerContract, type EventBrokerHarness } from './contracts/event-broker.contract.js';
import { createEventBroker } from './create-event-broker.js';

const HOST = process.env['PARLEY_TEST_AMQP_HOST'] ?? '127.0.0.1';
const PORT = Number(process.env['PARLEY_TEST_AMQP_PORT'] ?? 5672);

async function rabbitHarness(opts: { bufferSize: number; closeTimeoutMs: number; queues?: string[] }): Promise<EventBrokerHarness & { messages: Inbox<ConsumeMessage> }> {
  const tag = randomBytes(4).toString('hex');
  const queues = opts.queues?.map((q) => `${q}_${tag}`) ?? [`parley_test_${tag}`];
  const exchange = `parley-test-${tag}`;
  const proxy = await startTcpProxy({ host: HOST, port: PORT });
  const consumer = await connect({ hostname: HOST, port: PORT, username: 'guest', password: 'guest' });
  const channel = await consumer.createChannel();
  const first = queues[0] ?? '';
  await channel.assertQueue(first, { durable: true });
  const inbox = new Inbox<Record<string, unknown>>();
  const messages = new Inbox<ConsumeMessage>();
  await channel.consume(first, (m) => {
    if (!m) return;
    inbox.push(JSON.parse(m.content.toString()) as Record<string, unknown>);
    messages.push(m);
  }, { noAck: true });
  const cfg = parseEventBrokerConfig({
    type: 'pika', url: '127.0.0.1', port: proxy.port, username: 'guest', password: 'guest',
    queues, exchange_name: exchange, buffer_size: opts.bufferSize, retry_delay_in_seconds: 0.2,
  });
  const broker = createEventBroker(cfg, { closeTimeoutMs: opts.closeTimeoutMs, connectTimeoutMs: 2000, env: { RASA_ENVIRONMENT: 'parley-test' } });
  return {
    broker, messages,
    beginOutage: () => proxy.stop(),
    endOutage: () => proxy.start(),
    receive: (count, timeoutMs) => inbox.receive(count, timeoutMs),
    async [Symbol.asyncDispose]() {
      await broker.close();
      await proxy.close();
      for (const q of queues) await channel.deleteQueue(q).catch(() => undefined);
      await channel.deleteExchange(exchange).catch(() => undefined);
      await consumer.close();
    },
  };
}

runEventBrokerContract('RabbitMQ (pika)', (opts) => rabbitHarness(opts));

describe('RabbitMQ event broker, Rasa pika specifics', () => {
  it('publishes persistent JSON messages with app_id to every configured queue through the fanout exchange', async () => {
    const h = await rabbitHarness({ bufferSize: 100, closeTimeoutMs: 2000, queues: ['parley_a', 'parley_b'] });
    try {
      h.broker.publish('conv-1', userEvent('hi', { text: 'hi', intent: null, entities: [] }));
      expect(await h.broker.flush(10_000)).toBe(true);
      const [msg] = await h.messages.receive(1);
      expect(msg?.properties.deliveryMode).toBe(2);
      expect(msg?.properties.appId).toBe('parley-test');
      expect(msg?.fields.routingKey).toBe('');
      expect(JSON.parse(msg?.content.toString() ?? '{}')).toMatchObject({ sender_id: 'conv-1', event: 'user', text: 'hi' });
      // the second queue got it too (fanout), and it is durable
      const probe = await connect({ hostname: HOST, port: PORT });
      const ch = await probe.createChannel();
      const queueB = (await ch.checkQueue(`parley_b_${msg?.fields.exchange.slice('parley-test-'.length)}`));
      expect(queueB.messageCount).toBe(1);
      await probe.close();
    } finally {
      await h[Symbol.asyncDispose]();
    }
  });
});
