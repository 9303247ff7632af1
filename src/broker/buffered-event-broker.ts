// The part every real broker shares: a bounded in-memory buffer that publish() only appends to,
// and one background loop that connects (with backoff), sends in order, and on failure puts the
// unconfirmed messages back at the front and reconnects. Delivery is at least once.
import type { EventLogger } from '../observability/logger.js';
import { logEvent } from '../observability/logger.js';
import type { Event } from '../core/index.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { brokerMessage, type BrokerMessage, type BrokerObserver, type BrokerStats, type BrokerTransport, type EventBroker } from './event-broker.js';

export interface BufferedEventBrokerOptions {
  /** events kept while the broker is slow or down; the oldest is dropped beyond this; default 10 000 */
  bufferSize?: number;
  /** messages per send; default 100 */
  batchSize?: number;
  backoff?: BackoffOptions;
  /** how long close() keeps delivering; default 2000 ms */
  closeTimeoutMs?: number;
  observer?: BrokerObserver;
  logger?: EventLogger;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => { setTimeout(r, ms).unref(); });

export class BufferedEventBroker implements EventBroker {
  private pending: BrokerMessage[] = [];
  private inFlight = 0;
  private readonly counts = { published: 0, dropped: 0, failures: 0 };
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly backoff: Backoff;
  /** resolves the loop's wait for work (publish and close call it) */
  private wake: (() => void) | undefined;
  /** cuts a backoff sleep short: only close does, so a busy server cannot hammer a down broker */
  private stopSleeping: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private readonly loop: Promise<void>;

  constructor(private readonly transport: BrokerTransport, private readonly opts: BufferedEventBrokerOptions = {}) {
    this.capacity = Math.max(1, opts.bufferSize ?? 10_000);
    this.batchSize = Math.max(1, Math.min(opts.batchSize ?? 100, this.capacity));
    this.backoff = new Backoff(opts.backoff);
    this.loop = this.run();
  }

  get stats(): Readonly<BrokerStats> {
    return { ...this.counts, buffered: this.pending.length + this.inFlight, connected: this.transport.connected };
  }

  publish(conversationId: string, event: Event): void {
    try {
      if (this.closed) { this.drop(1); return; }
      this.pending.push(brokerMessage(conversationId, event));
      this.trim();
      this.reportBuffer();
      this.wake?.();
    } catch (err) {
      // A broker must never fail a turn, not even on an event it cannot serialise.
      this.drop(1);
      this.log('error', 'event_broker.publish_failed', { err });
    }
  }

  async flush(timeoutMs = 5000): Promise<boolean> {
    if (this.isIdle()) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => { this.idleWaiters.push(() => resolve(true)); });
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const result = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return this.loop;
    await this.flush(this.opts.closeTimeoutMs ?? 2000);
    this.closed = true;
    this.wake?.();
    this.stopSleeping?.();
    await this.loop;
    await this.transport.close();
    const left = this.pending.length;
    this.pending = [];
    if (left > 0) { this.drop(left); this.log('warn', 'event_broker.closed_with_undelivered', { dropped: left }); }
    this.reportBuffer();
    this.notifyIdle();
  }

  private async run(): Promise<void> {
    // Connect at start, so a wrong URL or credentials shows in the logs before the first turn.
    await this.connect();
    while (!this.closed) {
      if (this.pending.length === 0) { await new Promise<void>((r) => { this.wake = r; }); this.wake = undefined; continue; }
      if (!this.transport.connected && !(await this.connect())) continue;
      await this.sendBatch();
    }
  }

  private async connect(): Promise<boolean> {
    try {
      await this.transport.connect();
      this.backoff.reset();
      this.log('info', 'event_broker.connected', {});
      return true;
    } catch (err) {
      await this.failed('event_broker.connect_failed', err);
      return false;
    }
  }

  private async sendBatch(): Promise<void> {
    const batch = this.pending.splice(0, this.batchSize);
    this.inFlight = batch.length;
    let sent = 0;
    let error: unknown;
    try {
      sent = await this.transport.send(batch);
    } catch (err) {
      error = err;
    }
    this.inFlight = 0;
    if (sent > 0) { this.counts.published += sent; this.opts.observer?.brokerPublished(sent); }
    if (sent < batch.length) {
      // Back to the front, in order; overflow while disconnected drops the oldest first.
      this.pending = batch.slice(sent).concat(this.pending);
      this.trim();
      await this.failed('event_broker.send_failed', error ?? new Error('send not confirmed'));
    }
    this.reportBuffer();
    if (this.isIdle()) this.notifyIdle();
  }

  private async failed(event: string, err: unknown): Promise<void> {
    this.counts.failures += 1;
    const delayMs = this.backoff.next();
    this.log('warn', event, { transport: this.transport.name, retry_in_ms: delayMs, buffered: this.pending.length, err });
    if (this.closed) return;
    await Promise.race([sleep(delayMs), new Promise<void>((r) => { this.stopSleeping = r; })]);
    this.stopSleeping = undefined;
  }

  private trim(): void {
    const over = this.pending.length - this.capacity;
    if (over > 0) { this.pending.splice(0, over); this.drop(over); }
  }

  private drop(count: number): void {
    this.counts.dropped += count;
    this.opts.observer?.brokerDropped(count);
  }

  private isIdle(): boolean { return this.pending.length === 0 && this.inFlight === 0; }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private reportBuffer(): void { this.opts.observer?.brokerBufferSize(this.pending.length + this.inFlight); }

  private log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void {
    if (this.opts.logger) logEvent(this.opts.logger, level, event, fields);
  }
}
