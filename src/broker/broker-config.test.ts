import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.js';
import { parseEventBrokerConfig } from './broker-config.js';
import { createEventBroker } from './create-event-broker.js';
import { NullEventBroker } from './null-event-broker.js';
import { amqpConnectOptions } from './rabbitmq-transport.js';
import { streamSubject, subjectFor } from './nats-transport.js';

const configError = (raw: unknown): string => {
  try {
    parseEventBrokerConfig(raw);
  } catch (err) {
    if (isParleyError(err, 'CONFIG_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
};

describe('parseEventBrokerConfig', () => {
  it('reads Rasa\'s pika endpoint with its defaults', () => {
    const cfg = parseEventBrokerConfig({ type: 'pika', url: 'localhost', username: 'u', password: 'p', queues: ['queue-1'], exchange_name: 'exchange' });
    expect(cfg).toMatchObject({ type: 'pika', url: 'localhost', queues: ['queue-1'], exchange_name: 'exchange', buffer_size: 10_000 });
    expect(parseEventBrokerConfig({ type: 'pika', url: 'h' })).toMatchObject({ queues: ['rasa_core_events'], exchange_name: 'rasa-exchange' });
    expect(parseEventBrokerConfig({ type: 'rabbitmq', host: 'h', queues: 'one', port: '5673' })).toMatchObject({ queues: ['one'], port: 5673 });
  });

  it('treats an absent section or type none as no broker', () => {
    expect(parseEventBrokerConfig(undefined)).toEqual({ type: 'none' });
    expect(parseEventBrokerConfig(null)).toEqual({ type: 'none' });
    expect(createEventBroker(parseEventBrokerConfig({ type: 'none' }))).toBeInstanceOf(NullEventBroker);
  });

  it('rejects unknown types, unknown keys and settings Parley will not honour, naming the path', () => {
    expect(configError({ type: 'kafka', url: 'x' })).toMatch(/event_broker\.type: unknown event broker type "kafka".*pika, rabbitmq, nats, none/);
    expect(configError({ url: 'x' })).toMatch(/event_broker\.type/);
    expect(configError({ type: 'pika', url: 'x', queue: 'old' })).toMatch(/event_broker: .*queue/);
    expect(configError({ type: 'pika', url: 'x', raise_on_failure: true })).toMatch(/raise_on_failure: Parley never fails a turn/);
    expect(configError({ type: 'pika' })).toMatch(/event_broker\.url: set url/);
    expect(configError({ type: 'nats', subject: 'a.>' })).toMatch(/event_broker\.subject/);
    expect(configError({ type: 'none', url: 'x' })).toMatch(/event_broker/);
    expect(configError(['pika'])).toMatch(/expected a mapping/);
  });

  it('reads the NATS keys with defaults', () => {
    expect(parseEventBrokerConfig({ type: 'nats' })).toMatchObject({
      url: 'nats://127.0.0.1:4222', subject: 'parley.events.{conversation_id}', stream: 'PARLEY_EVENTS', create_stream: true,
    });
  });
});

describe('amqpConnectOptions', () => {
  const pika = (raw: Record<string, unknown>) => {
    const cfg = parseEventBrokerConfig({ type: 'pika', ...raw });
    if (cfg.type !== 'pika' && cfg.type !== 'rabbitmq') throw new Error('not pika');
    return amqpConnectOptions(cfg);
  };
  it('takes a bare host as Rasa does, and an amqp URL with its parts', () => {
    expect(pika({ url: 'rabbit', username: 'u', password: 'p' })).toEqual({ protocol: 'amqp', hostname: 'rabbit', port: 5672, username: 'u', password: 'p', vhost: '/' });
    expect(pika({ url: 'amqps://a:b@mq.example:5999/prod' })).toEqual({ protocol: 'amqps', hostname: 'mq.example', port: 5999, username: 'a', password: 'b', vhost: 'prod' });
    expect(pika({ url: 'amqp://mq', port: 1234, username: 'x' })).toMatchObject({ port: 1234, username: 'x', password: 'guest' });
  });
});

describe('NATS subjects', () => {
  it('puts the conversation id in one token and the stream filter matches it', () => {
    expect(subjectFor('parley.events.{conversation_id}', 'a.b *>c')).toBe('parley.events.a%2Eb%20%2A%3Ec');
    expect(subjectFor('parley.events.{conversation_id}', '用户')).toBe(`parley.events.${encodeURIComponent('用户')}`);
    expect(streamSubject('parley.events.{conversation_id}')).toBe('parley.events.*');
    expect(streamSubject('fixed.subject')).toBe('fixed.subject');
  });
});
