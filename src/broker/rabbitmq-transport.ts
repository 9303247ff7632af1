// RabbitMQ the way Rasa's PikaEventBroker uses it: a fanout exchange (default `rasa-exchange`)
// with every configured queue (durable) bound to it, persistent messages whose body is the event
// JSON with `sender_id`, `app_id` from RASA_ENVIRONMENT. A confirm channel makes "sent" mean
// "the broker has it".
import { connect, type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import type { PikaBrokerConfig } from './broker-config.js';
import type { BrokerMessage, BrokerTransport } from './event-broker.js';

export interface RabbitMqTransportOptions {
  /** Rasa's `app_id` (its RASA_ENVIRONMENT variable) */
  appId?: string;
  /** socket connect timeout; default 5000 ms */
  connectTimeoutMs?: number;
}

/** Rasa's `url` may be a bare host or an amqp(s):// URL; the explicit keys win over the URL's parts. */
export function amqpConnectOptions(cfg: PikaBrokerConfig): Options.Connect {
  const raw = cfg.url ?? cfg.host ?? 'localhost';
  const url = /^amqps?:\/\//i.test(raw) ? new URL(raw) : undefined;
  const urlVhost = url && url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined;
  return {
    protocol: url?.protocol === 'amqps:' ? 'amqps' : 'amqp',
    hostname: url?.hostname ?? raw,
    port: cfg.port ?? (url?.port ? Number(url.port) : url?.protocol === 'amqps:' ? 5671 : 5672),
    username: cfg.username ?? (url?.username ? decodeURIComponent(url.username) : 'guest'),
    password: cfg.password ?? (url?.password ? decodeURIComponent(url.password) : 'guest'),
    vhost: cfg.vhost ?? urlVhost ?? '/',
  };
}

export class RabbitMqTransport implements BrokerTransport {
  readonly name = 'rabbitmq';
  private connection: ChannelModel | undefined;
  private channel: ConfirmChannel | undefined;
  private up = false;

  constructor(private readonly cfg: PikaBrokerConfig, private readonly opts: RabbitMqTransportOptions = {}) {}

  get connected(): boolean { return this.up; }

  async connect(): Promise<void> {
    await this.close();
    const connection = await connect(amqpConnectOptions(this.cfg), { timeout: this.opts.connectTimeoutMs ?? 5000 });
    this.connection = connection;
    const down = (): void => { if (this.connection === connection) this.up = false; };
    connection.on('error', down);
    connection.on('close', down);
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', down);
      channel.on('close', down);
      await this.declare(channel);
      this.channel = channel;
      this.up = true;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private async declare(channel: ConfirmChannel): Promise<void> {
    // Rasa declares the exchange with the client's defaults (not durable): the same here, so
    // a consumer or a Rasa server that declared it first does not see a mismatch.
    await channel.assertExchange(this.cfg.exchange_name, 'fanout', { durable: false });
    for (const queue of this.cfg.queues) {
      await channel.assertQueue(queue, { durable: true });
      await channel.bindQueue(queue, this.cfg.exchange_name, '');
    }
  }

  async send(messages: readonly BrokerMessage[]): Promise<number> {
    const channel = this.channel;
    if (!channel || !this.up) throw new Error('not connected to RabbitMQ');
    const confirms = messages.map((m) => new Promise<void>((resolve, reject) => {
      channel.publish(this.cfg.exchange_name, '', Buffer.from(JSON.stringify(m.body)), {
        persistent: true, messageId: m.id, contentType: 'application/json',
        ...(this.opts.appId !== undefined ? { appId: this.opts.appId } : {}),
      }, (err: unknown) => { if (err) reject(err instanceof Error ? err : new Error(String(err))); else resolve(); });
    }));
    const results = await Promise.allSettled(confirms);
    const firstFailure = results.findIndex((r) => r.status === 'rejected');
    if (firstFailure === -1) return messages.length;
    this.up = false;
    return firstFailure;
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.up = false;
    this.channel = undefined;
    this.connection = undefined;
    if (connection) await connection.close().catch(() => undefined);
  }
}
