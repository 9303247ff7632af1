// EventBroker: every persisted event, published with its conversation id to RabbitMQ or NATS.
// A broker never fails a turn: publish only enqueues; delivery happens in the background.
import { eventToJson, type Event } from '../core/index.js';

export interface BrokerStats {
  /** events the broker confirmed */
  published: number;
  /** events lost: buffer overflow (oldest first), or still buffered at close */
  dropped: number;
  /** events waiting (buffered or in flight) */
  buffered: number;
  /** whether a connection is currently up */
  connected: boolean;
  /** failed connects or sends since start */
  failures: number;
}

export interface EventBroker {
  /** Enqueues the event; never throws, never waits. */
  publish(conversationId: string, event: Event): void;
  /**
   * Waits until everything published so far is confirmed by the broker, at most `timeoutMs`
   * (default 5000). Resolves true when the buffer emptied, false on timeout; never rejects.
   */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Delivers what it can within the close timeout, then disconnects; later publishes are dropped. */
  close(): Promise<void>;
  readonly stats: Readonly<BrokerStats>;
}

/** Receives counts as they change (ParleyMetrics matches this shape). */
export interface BrokerObserver {
  brokerPublished(count: number): void;
  brokerDropped(count: number): void;
  brokerBufferSize(size: number): void;
}

/** One event on the wire: Rasa's broker shape, the event's JSON with `sender_id` first. */
export interface BrokerMessage {
  /** unique per message, so brokers that deduplicate (JetStream) drop a resend after an unconfirmed send */
  id: string;
  conversationId: string;
  body: Record<string, unknown>;
}

let counter = 0;
const processTag = `${process.pid.toString(36)}-${Date.now().toString(36)}`;

export function brokerMessage(conversationId: string, event: Event): BrokerMessage {
  counter += 1;
  return { id: `${processTag}-${counter.toString(36)}`, conversationId, body: { sender_id: conversationId, ...eventToJson(event) } };
}

/** What a concrete broker provides to BufferedEventBroker: connect, send in order, close. */
export interface BrokerTransport {
  readonly name: string;
  /** Opens a connection (and declares queues/streams); throws when the broker is unreachable. */
  connect(): Promise<void>;
  /**
   * Sends the messages in order and waits for the broker's confirmation. Returns how many
   * leading messages were confirmed; throws (or returns fewer) when the connection failed.
   */
  send(messages: readonly BrokerMessage[]): Promise<number>;
  /** Whether the connection is (still) usable. */
  readonly connected: boolean;
  /** Closes the connection; never throws. */
  close(): Promise<void>;
}
