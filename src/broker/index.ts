export type { BrokerMessage, BrokerObserver, BrokerStats, BrokerTransport, EventBroker } from './event-broker.js';
export { brokerMessage } from './event-broker.js';
export { BufferedEventBroker, type BufferedEventBrokerOptions } from './buffered-event-broker.js';
export { NullEventBroker } from './null-event-broker.js';
export { RabbitMqTransport, amqpConnectOptions } from './rabbitmq-transport.js';
export { NatsTransport, subjectFor, subjectToken, streamSubject } from './nats-transport.js';
export { eventBrokerConfigSchema, parseEventBrokerConfig, EVENT_BROKER_TYPES, type EventBrokerConfig, type NatsBrokerConfig, type PikaBrokerConfig } from './broker-config.js';
export { createEventBroker, type CreateEventBrokerOptions } from './create-event-broker.js';
