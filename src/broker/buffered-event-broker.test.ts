import { describe, expect, it } from 'vitest';
import { botEvent } from '../core/index.js';
import { BufferedEventBroker } from './buffered-event-broker.js';
import type { BrokerMessage, BrokerTransport } from './event-broker.js';

/** A transport the test switches up and down; it records what it "delivered". */
class FakeTransport implements BrokerTransport {
  readonly name = 'fake';
  connected = false;
  reachable = true;
  connects = 0;
  delivered: BrokerMessage[] = [];
  async connect(): Promise<void> {
    this.connects += 1;
    if (!this.reachable) throw new Error('ECONNREFUSED');
    this.connected = true;
  }
  async send(messages: readonly BrokerMessage[]): Promise<number> {
    await new Promise((r) => setTimeout(r, 1));
    if (!this.reachable) { this.connected = false; throw new Error('connection reset'); }
    this.delivered.push(...messages);
    return messages.length;
  }
  async close(): Promise<void> { this.connected = false; }
}

const bot = (text: string) => botEvent(text);

describe('BufferedEventBroker', () => {
  it('reports published, dropped and buffer size to its observer', async () => {
    const seen = { published: 0, dropped: 0, sizes: [] as number[] };
    const transport = new FakeTransport();
    transport.reachable = false;
    const broker = new BufferedEventBroker(transport, {
      bufferSize: 3, backoff: { initialMs: 5, maxMs: 5 },
      observer: { brokerPublished: (n) => { seen.published += n; }, brokerDropped: (n) => { seen.dropped += n; }, brokerBufferSize: (s) => { seen.sizes.push(s); } },
    });
    for (let i = 0; i < 5; i++) broker.publish('c', bot(`t${i}`));
    expect(seen.dropped).toBe(2);
    transport.reachable = true;
    expect(await broker.flush(2000)).toBe(true);
    expect(seen.published).toBe(3);
    expect(seen.sizes.at(-1)).toBe(0);
    expect(transport.delivered.map((m) => m.body['text'])).toEqual(['t2', 't3', 't4']);
    await broker.close();
  });

  it('backs off between reconnects even while publishes keep arriving', async () => {
    const transport = new FakeTransport();
    transport.reachable = false;
    const broker = new BufferedEventBroker(transport, { backoff: { initialMs: 200, maxMs: 200, random: () => 0.99 }, closeTimeoutMs: 10 });
    const timer = setInterval(() => broker.publish('c', bot('x')), 2);
    await new Promise((r) => setTimeout(r, 450));
    clearInterval(timer);
    expect(transport.connects).toBeLessThanOrEqual(3);
    expect(broker.stats.failures).toBe(transport.connects);
    await broker.close();
  });

  it('gives every message a distinct id and the sender_id first', async () => {
    const transport = new FakeTransport();
    const broker = new BufferedEventBroker(transport);
    broker.publish('a', bot('1'));
    broker.publish('b', bot('2'));
    await broker.flush();
    const [m1, m2] = transport.delivered;
    expect(m1?.id).not.toBe(m2?.id);
    expect(Object.keys(m1?.body ?? {})[0]).toBe('sender_id');
    expect(m2).toMatchObject({ conversationId: 'b', body: { sender_id: 'b', event: 'bot', text: '2' } });
    await broker.close();
  });

  it('never throws from publish, even for an event that cannot be serialised', async () => {
    const transport = new FakeTransport();
    const broker = new BufferedEventBroker(transport);
    const bad = { ...bot('x'), get metadata(): Record<string, unknown> { throw new Error('boom'); } };
    expect(() => broker.publish('c', bad)).not.toThrow();
    expect(broker.stats.dropped).toBe(1);
    await broker.close();
  });
});
