// NATS JetStream: each event to `<subject with the conversation id>` (default
// parley.events.<id>) in a stream that captures them, acknowledged by JetStream. The message
// id goes in Nats-Msg-Id, so a resend after a lost ack is deduplicated by the stream.
import { connect, type ConnectionOptions, type JetStreamClient, type NatsConnection } from 'nats';
import type { NatsBrokerConfig } from './broker-config.js';
import type { BrokerMessage, BrokerTransport } from './event-broker.js';

export interface NatsTransportOptions {
  /** connect and publish-ack timeout; default 5000 ms */
  timeoutMs?: number;
}

const PLACEHOLDER = '{conversation_id}';

/** One subject token: `.`, `*`, `>`, whitespace and `%` are percent-encoded, so the id is recoverable. */
export function subjectToken(conversationId: string): string {
  if (conversationId === '') return '%00';
  return encodeURIComponent(conversationId).replaceAll('.', '%2E').replaceAll('*', '%2A');
}

export function subjectFor(template: string, conversationId: string): string {
  return template.replaceAll(PLACEHOLDER, subjectToken(conversationId));
}

/** The stream's subject filter: the template with the id token as a wildcard. */
export function streamSubject(template: string): string {
  return template.replaceAll(PLACEHOLDER, '*');
}

export class NatsTransport implements BrokerTransport {
  readonly name = 'nats';
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private up = false;
  private readonly timeoutMs: number;

  constructor(private readonly cfg: NatsBrokerConfig, opts: NatsTransportOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  get connected(): boolean { return this.up; }

  private connectionOptions(): ConnectionOptions {
    const c = this.cfg;
    return {
      servers: c.url, timeout: this.timeoutMs, name: 'parley-event-broker',
      // Reconnects are the buffered broker's job (with its backoff and drop accounting).
      reconnect: false,
      ...(c.username !== undefined ? { user: c.username } : {}),
      ...(c.password !== undefined ? { pass: c.password } : {}),
      ...(c.token !== undefined ? { token: c.token } : {}),
    };
  }

  async connect(): Promise<void> {
    await this.close();
    const nc = await connect(this.connectionOptions());
    this.nc = nc;
    void nc.closed().then(() => { if (this.nc === nc) this.up = false; });
    try {
      if (this.cfg.create_stream) await this.ensureStream(nc);
      this.js = nc.jetstream({ timeout: this.timeoutMs });
      this.up = true;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private async ensureStream(nc: NatsConnection): Promise<void> {
    const jsm = await nc.jetstreamManager({ timeout: this.timeoutMs });
    const subject = streamSubject(this.cfg.subject);
    const info = await jsm.streams.info(this.cfg.stream).catch(() => undefined);
    if (info === undefined) {
      await jsm.streams.add({ name: this.cfg.stream, subjects: [subject] });
    } else if (!info.config.subjects.includes(subject)) {
      await jsm.streams.update(this.cfg.stream, { ...info.config, subjects: [...info.config.subjects, subject] });
    }
  }

  async send(messages: readonly BrokerMessage[]): Promise<number> {
    const js = this.js;
    if (!js || !this.up) throw new Error('not connected to NATS');
    // Pipelined on one connection: JetStream stores them in publish order.
    const acks = messages.map((m) => js.publish(subjectFor(this.cfg.subject, m.conversationId),
      new TextEncoder().encode(JSON.stringify(m.body)), { msgID: m.id, timeout: this.timeoutMs }));
    const results = await Promise.allSettled(acks);
    const firstFailure = results.findIndex((r) => r.status === 'rejected');
    if (firstFailure === -1) return messages.length;
    this.up = false;
    return firstFailure;
  }

  async close(): Promise<void> {
    const nc = this.nc;
    this.up = false;
    this.js = undefined;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.close().catch(() => undefined);
  }
}
