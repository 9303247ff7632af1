// The state bus across processes: Redis pub/sub, one channel per conversation
// (`<prefix>state:<id>`), subscribed while this process has a listener for it. A process hears
// its own publications through Redis too, so every subscriber gets each change exactly once.
// When Redis is unreachable, publications are delivered locally (a single process keeps
// working) and the failure is logged: a turn never fails because of the bus.
import { Redis } from 'ioredis';
import { closeRedis, connectRedis, openRedis } from '../redis/redis-connection.js';
import type { StoreLogger } from '../store-logger.js';
import { ThrottledWarnings } from '../throttled-warnings.js';
import { ListenerRegistry } from './listener-registry.js';
import type { BusListener, StateBus } from './state-bus.js';

export interface RedisStateBusOptions {
  url: string;
  /** default `parley:` */
  keyPrefix?: string;
  logger?: StoreLogger;
}

export class RedisStateBus implements StateBus {
  private readonly listeners = new ListenerRegistry();
  private readonly prefix: string;

  private readonly warnings: ThrottledWarnings;

  private constructor(private readonly pub: Redis, private readonly sub: Redis, private readonly opts: RedisStateBusOptions) {
    this.prefix = `${opts.keyPrefix ?? 'parley:'}state:`;
    this.warnings = new ThrottledWarnings(opts.logger);
    sub.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix)) return;
      this.listeners.deliver(channel.slice(this.prefix.length), message, (err) => this.warn('store.state_bus.listener_failed', err));
    });
  }

  static async open(opts: RedisStateBusOptions): Promise<RedisStateBus> {
    const pub = openRedis({ url: opts.url, commandTimeoutMs: 500, role: 'state-bus', ...(opts.logger ? { logger: opts.logger } : {}) });
    // the subscriber queues SUBSCRIBE while disconnected and re-subscribes after a reconnect
    const sub = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(50 * 2 ** Math.min(n, 6), 2000) });
    sub.on('error', () => undefined); // reported through the publisher's connection log
    await Promise.all([connectRedis(pub), sub.connect().catch(() => undefined)]);
    return new RedisStateBus(pub, sub, opts);
  }

  async publish(conversationId: string, message: string): Promise<void> {
    try {
      await this.pub.publish(this.prefix + conversationId, message);
    } catch (err) {
      this.warn('store.state_bus.publish_failed', err);
      this.listeners.deliver(conversationId, message, () => undefined);
    }
  }

  subscribe(conversationId: string, listener: BusListener): () => void {
    if (this.listeners.add(conversationId, listener)) {
      this.sub.subscribe(this.prefix + conversationId).catch((err: unknown) => this.warn('store.state_bus.subscribe_failed', err));
    }
    return () => {
      if (this.listeners.remove(conversationId, listener)) {
        this.sub.unsubscribe(this.prefix + conversationId).catch(() => undefined);
      }
    };
  }

  /** Resolves once Redis confirmed every pending subscription (tests wait for it). */
  async ready(): Promise<void> {
    const ids = this.listeners.ids();
    if (ids.length > 0) await this.sub.subscribe(...ids.map((id) => this.prefix + id));
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await closeRedis(this.pub);
    this.sub.disconnect();
  }

  private warn(event: string, err: unknown): void {
    this.warnings.warn({ event, err: err instanceof Error ? err.message : String(err) }, 'state bus problem');
  }
}
