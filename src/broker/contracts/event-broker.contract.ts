// The behaviour every EventBroker over a real message broker must show; each implementation's
// *.int.test.ts runs it against the broker on this machine, through a TCP proxy it can cut.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent, type UserEvent } from '../../core/index.js';
import type { EventBroker } from '../event-broker.js';

export interface EventBrokerHarness {
  broker: EventBroker;
  /** cuts the broker's connections and refuses new ones */
  beginOutage(): Promise<void>;
  endOutage(): Promise<void>;
  /** the next `count` message bodies the consumer got (in arrival order); rejects after `timeoutMs` */
  receive(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface EventBrokerHarnessOptions {
  bufferSize: number;
  closeTimeoutMs: number;
}

export type EventBrokerFactory = (opts: EventBrokerHarnessOptions) => Promise<EventBrokerHarness>;

const ev = (text: string): UserEvent => userEvent(text, { text, intent: { name: 'greet', confidence: 0.9 }, entities: [] });
const texts = (bodies: Record<string, unknown>[]): unknown[] => bodies.map((b) => b['text']);
const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

export function runEventBrokerContract(name: string, factory: EventBrokerFactory): void {
  describe(`EventBroker contract: ${name}`, () => {
    let h: EventBrokerHarness | undefined;
    const make = async (opts: Partial<EventBrokerHarnessOptions> = {}): Promise<EventBrokerHarness> =>
      (h = await factory({ bufferSize: 1000, closeTimeoutMs: 2000, ...opts }));
    afterEach(async () => { await h?.[Symbol.asyncDispose](); h = undefined; });

    it('delivers every event in order, in Rasa\'s shape with the conversation id', async () => {
      const { broker, receive } = await make();
      for (let i = 0; i < 40; i++) broker.publish(i % 2 === 0 ? 'alice' : '用户/b.c', ev(`m${i}`));
      expect(await broker.flush(10_000)).toBe(true);
      const got = await receive(40);
      expect(texts(got)).toEqual(range(0, 40));
      expect(got.map((b) => b['sender_id'])).toEqual(range(0, 40).map((_, i) => (i % 2 === 0 ? 'alice' : '用户/b.c')));
      const first = got[0] ?? {};
      expect(Object.keys(first).slice(0, 3)).toEqual(['sender_id', 'event', 'timestamp']);
      expect(first['event']).toBe('user');
      expect(typeof first['timestamp']).toBe('number');
      expect(first['parse_data']).toMatchObject({ intent: { name: 'greet', confidence: 0.9 } });
      expect(broker.stats).toMatchObject({ published: 40, dropped: 0, buffered: 0, connected: true });
    });

    it('flush resolves once the broker has confirmed everything published before it', async () => {
      const { broker, receive } = await make();
      for (let i = 0; i < 5; i++) broker.publish('c1', ev(`m${i}`));
      expect(broker.stats.buffered).toBe(5);
      expect(await broker.flush(10_000)).toBe(true);
      expect(broker.stats).toMatchObject({ published: 5, buffered: 0 });
      expect(texts(await receive(5, 2000))).toEqual(range(0, 5));
    });

    it('during an outage publish returns at once, drops the oldest beyond the buffer, and delivers the rest after reconnecting', async () => {
      const { broker, receive, beginOutage, endOutage } = await make({ bufferSize: 10 });
      broker.publish('c1', ev('before'));
      expect(await broker.flush(10_000)).toBe(true);
      expect(texts(await receive(1))).toEqual(['before']);

      await beginOutage();
      const started = performance.now();
      for (let i = 0; i < 25; i++) broker.publish('c1', ev(`m${i}`));
      expect(performance.now() - started).toBeLessThan(100);
      expect(await broker.flush(300)).toBe(false);
      expect(broker.stats.dropped).toBe(15);
      expect(broker.stats.buffered).toBe(10);

      await endOutage();
      expect(await broker.flush(20_000)).toBe(true);
      expect(texts(await receive(10))).toEqual(range(15, 25));
      expect(broker.stats).toMatchObject({ published: 11, dropped: 15, buffered: 0, connected: true });
      expect(broker.stats.failures).toBeGreaterThan(0);
    });

    it('keeps buffering while the broker is down from the start', async () => {
      const { broker, receive, beginOutage, endOutage } = await make();
      await beginOutage();
      for (let i = 0; i < 3; i++) broker.publish('c2', ev(`m${i}`));
      expect(await broker.flush(500)).toBe(false);
      await endOutage();
      expect(await broker.flush(20_000)).toBe(true);
      expect(texts(await receive(3))).toEqual(range(0, 3));
    });

    it('close delivers what is buffered, disconnects, and counts later publishes as dropped', async () => {
      const { broker, receive } = await make();
      for (let i = 0; i < 3; i++) broker.publish('c3', ev(`m${i}`));
      await broker.close();
      expect(broker.stats).toMatchObject({ published: 3, buffered: 0, connected: false });
      expect(() => broker.publish('c3', ev('late'))).not.toThrow();
      expect(broker.stats.dropped).toBe(1);
      expect(texts(await receive(3))).toEqual(range(0, 3));
      await broker.close(); // idempotent
    });

    it('close during an outage gives up after its timeout and counts the undelivered events', async () => {
      const { broker, beginOutage, endOutage } = await make({ closeTimeoutMs: 300 });
      await beginOutage();
      broker.publish('c4', ev('lost-1'));
      broker.publish('c4', ev('lost-2'));
      const started = performance.now();
      await broker.close();
      expect(performance.now() - started).toBeLessThan(3000);
      expect(broker.stats).toMatchObject({ dropped: 2, buffered: 0, connected: false });
      await endOutage();
    });
  });
}
