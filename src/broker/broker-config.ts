// endpoints.yml `event_broker:`: Rasa's pika keys for RabbitMQ, Parley's keys for NATS JetStream.
// Strict: an unknown type or key is a start-up error with its path, never a silent fallback.
import { z } from 'zod';
import { ParleyError } from '../errors.js';

const positiveInt = z.number().int().positive();
const port = z.union([z.number().int().min(1).max(65_535), z.string().regex(/^\d+$/).transform(Number)]);

// Parley's buffering keys, the same for every broker.
const bufferKeys = {
  /** events kept while the broker is down; the oldest are dropped beyond it */
  buffer_size: positiveInt.default(10_000),
  /** Rasa's delay between connection attempts: here the cap of the exponential backoff */
  retry_delay_in_seconds: z.number().positive().default(5),
};

const pikaConfig = z.object({
  type: z.enum(['pika', 'rabbitmq']),
  /** host name, or an amqp:// / amqps:// URL (Rasa: `url`) */
  url: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  /** default: the URL's user, else guest */
  username: z.string().optional(),
  password: z.string().optional(),
  port: port.optional(),
  /** default: the URL's path, else / */
  vhost: z.string().optional(),
  queues: z.union([z.string().min(1).transform((q) => [q]), z.array(z.string().min(1))]).default(['rasa_core_events']),
  exchange_name: z.string().min(1).default('rasa-exchange'),
  /** Rasa raises into the turn; Parley never fails a turn for its broker, so only false is accepted */
  raise_on_failure: z.literal(false, { message: 'Parley never fails a turn because of the event broker; remove raise_on_failure or set it to false' }).optional(),
  /** Rasa's unpublished-message queue: Parley always keeps one, bounded by buffer_size */
  should_keep_unpublished_messages: z.literal(true, { message: 'Parley always buffers unpublished events (bounded by buffer_size); remove the key' }).optional(),
  /** accepted for Rasa projects; Parley keeps reconnecting for as long as it runs */
  connection_attempts: positiveInt.optional(),
  ...bufferKeys,
}).strict().refine((c) => c.url !== undefined || c.host !== undefined, { message: 'set url (or host)', path: ['url'] });

const natsConfig = z.object({
  type: z.literal('nats'),
  /** one server URL or several; default nats://127.0.0.1:4222 */
  url: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('nats://127.0.0.1:4222'),
  username: z.string().optional(),
  password: z.string().optional(),
  token: z.string().optional(),
  /** `{conversation_id}` becomes the (subject-safe) conversation id, a single subject token */
  subject: z.string().min(1).regex(/^[^\s*>]+$/, 'no spaces or wildcards').default('parley.events.{conversation_id}'),
  /** the JetStream stream that captures the subject */
  stream: z.string().min(1).regex(/^[^\s.*>/\\]+$/, 'a stream name has no spaces, dots, wildcards or slashes').default('PARLEY_EVENTS'),
  /** create the stream (or add the subject to it) at connect; false: it must exist */
  create_stream: z.boolean().default(true),
  ...bufferKeys,
}).strict();

const noneConfig = z.object({ type: z.literal('none') }).strict();

export const eventBrokerConfigSchema = z.union([pikaConfig, natsConfig, noneConfig]);
export type EventBrokerConfig = z.output<typeof eventBrokerConfigSchema>;
export type PikaBrokerConfig = z.output<typeof pikaConfig>;
export type NatsBrokerConfig = z.output<typeof natsConfig>;

export const EVENT_BROKER_TYPES = ['pika', 'rabbitmq', 'nats', 'none'] as const;

const fail = (message: string): ParleyError => new ParleyError('CONFIG_INVALID', `endpoints.yml: event_broker${message}`);

/** The `event_broker:` section of endpoints.yml; absent (null/undefined) means none. */
export function parseEventBrokerConfig(raw: unknown): EventBrokerConfig {
  if (raw === undefined || raw === null) return { type: 'none' };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fail(': expected a mapping');
  const type = (raw as Record<string, unknown>)['type'];
  if (typeof type !== 'string' || !(EVENT_BROKER_TYPES as readonly string[]).includes(type)) {
    throw fail(`.type: unknown event broker type ${JSON.stringify(type)} (supported: ${EVENT_BROKER_TYPES.join(', ')})`);
  }
  const schema = type === 'nats' ? natsConfig : type === 'none' ? noneConfig : pikaConfig;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
  throw fail(`${path}: ${issue?.message ?? 'invalid'}`);
}
