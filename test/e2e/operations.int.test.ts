// Operations end to end: the seed's indicators on /metrics after real turns, readiness while
// draining, and every persisted event published to a real RabbitMQ.
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBroker } from '../../src/broker/index.js';
import { HealthRegistry, stateCheck } from '../../src/observability/health.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { examplePath, startServer, type RunningServer } from '../support/example-server.js';

const metricValue = (text: string, name: string, labels = ''): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}` : ''}`) && (labels || l.startsWith(`${name} `) || l.startsWith(`${name}{`)));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
};

describe('metrics and health on a real server', () => {
  let server: RunningServer;
  const health = new HealthRegistry();
  beforeAll(async () => {
    health.register(stateCheck({ name: 'model', critical: true, ok: () => true }));
    server = await startServer({ project: examplePath('order-zh'), server: { metrics: createMetrics(), health, authToken: 's3cret' } });
  });
  afterAll(async () => { await server.close(); });

  it('counts turns, form slot requests and slot-fill failures', async () => {
    await server.say('m1', '我要两份牛肉套餐');
    await server.say('m1', '嗯嗯'); // not a phone number: the form asks for the phone again
    const res = await fetch(`${server.url}/metrics?token=s3cret`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(metricValue(text, 'parley_turn_duration_seconds_count', 'channel="rest"')).toBe(2);
    expect(metricValue(text, 'parley_form_slot_requests_total', 'form="order_form",slot="phone"')).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'parley_form_slot_fill_failures_total', 'form="order_form",slot="phone"')).toBe(1);
    expect(text).toContain('parley_tracker_store_duration_seconds_bucket');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('protects /metrics with the API auth', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });

  it('is live and ready, then not ready once draining', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    health.setDraining();
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
  });
});

describe('event broker end to end', () => {
  it('publishes every persisted event of a turn to RabbitMQ, in order, with the conversation id', async () => {
    const queue = `parley_e2e_${process.pid}_${Date.now()}`;
    const broker = createEventBroker({ type: 'pika', url: 'amqp://guest:guest@127.0.0.1:5672', queues: [queue], exchange_name: `parley-e2e-${Date.now()}` } as never);
    const server = await startServer({ project: examplePath('order-zh'), agent: { eventBroker: broker } });
    const conn = await connect('amqp://guest:guest@127.0.0.1:5672');
    try {
      await server.say('b1', '你好');
      const stored = (await server.tracker('b1', '?include_events=ALL'))['events'] as { event: string }[];
      expect(await broker.flush(5_000)).toBe(true);
      const channel = await conn.createChannel();
      const received: { sender_id: string; event: string }[] = [];
      for (let i = 0; i < 50 && received.length < stored.length; i++) {
        const msg = await channel.get(queue, { noAck: true });
        if (msg) received.push(JSON.parse(msg.content.toString('utf8')) as { sender_id: string; event: string });
        else await new Promise((r) => setTimeout(r, 50));
      }
      expect(received.map((m) => m.event)).toEqual(stored.map((e) => e.event));
      expect(new Set(received.map((m) => m.sender_id))).toEqual(new Set(['b1']));
      await channel.deleteQueue(queue);
    } finally {
      await conn.close();
      await server.close();
      await broker.close();
    }
  });
});
