// config.type → EventBroker (exhaustive: a new type without a case does not compile).
import type { EventLogger } from '../observability/logger.js';
import type { EventBrokerConfig } from './broker-config.js';
import { BufferedEventBroker } from './buffered-event-broker.js';
import type { BrokerObserver, EventBroker } from './event-broker.js';
import { NatsTransport } from './nats-transport.js';
import { NullEventBroker } from './null-event-broker.js';
import { RabbitMqTransport } from './rabbitmq-transport.js';

export interface CreateEventBrokerOptions {
  /** ParleyMetrics fits here */
  observer?: BrokerObserver;
  logger?: EventLogger;
  /** for RASA_ENVIRONMENT (RabbitMQ app_id); default process.env */
  env?: NodeJS.ProcessEnv;
  /** how long close() keeps delivering; default 2000 ms */
  closeTimeoutMs?: number;
  /** connect/ack timeouts of the transport; default 5000 ms */
  connectTimeoutMs?: number;
}

/** Never connects synchronously and never throws for an unreachable broker: the background loop keeps trying. */
export function createEventBroker(cfg: EventBrokerConfig, opts: CreateEventBrokerOptions = {}): EventBroker {
  if (cfg.type === 'none') return new NullEventBroker();
  const buffered = {
    bufferSize: cfg.buffer_size,
    backoff: { maxMs: cfg.retry_delay_in_seconds * 1000 },
    ...(opts.observer ? { observer: opts.observer } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.closeTimeoutMs !== undefined ? { closeTimeoutMs: opts.closeTimeoutMs } : {}),
  };
  const timeout = opts.connectTimeoutMs ?? 5000;
  switch (cfg.type) {
    case 'pika':
    case 'rabbitmq': {
      const appId = (opts.env ?? process.env)['RASA_ENVIRONMENT'];
      return new BufferedEventBroker(new RabbitMqTransport(cfg, { connectTimeoutMs: timeout, ...(appId ? { appId } : {}) }), buffered);
    }
    case 'nats':
      return new BufferedEventBroker(new NatsTransport(cfg, { timeoutMs: timeout }), buffered);
    default: {
      const unreachable: never = cfg;
      throw new Error(`unknown event broker type ${(unreachable as { type: string }).type}`);
    }
  }
}
