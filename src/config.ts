// Runtime configuration: CLI flags, environment, endpoints.yml and credentials.yml, validated
// once at start-up with strict schemas and then frozen. Unknown keys and types are errors.
import { z } from 'zod';
import { eventBrokerConfigSchema } from './broker/broker-config.js';
import { ParleyError } from './errors.js';
import type { LlmConfig } from './llm/llm-config.js';
import { storesConfigSchema } from './stores/config-schema.js';

const actionEndpointSchema = z.object({
  url: z.string().url(),
  token: z.string().optional(),
  token_name: z.string().default('token'),
  headers: z.record(z.string(), z.string()).optional(),
  basic_auth: z.object({ username: z.string(), password: z.string() }).strict().optional(),
  enable_selective_domain: z.boolean().default(false),
  timeout_ms: z.number().int().positive().default(30_000),
}).strict();

/** credentials.yml `socketio:` (rasa-compat §2.2), plus Parley's `redis_url` for the Redis adapter */
const socketioSchema = z.object({
  user_message_evt: z.string().min(1).default('user_uttered'),
  bot_message_evt: z.string().min(1).default('bot_uttered'),
  session_persistence: z.boolean().default(false),
  socketio_path: z.string().regex(/^\//, 'must start with /').default('/socket.io'),
  namespace: z.string().regex(/^\//, 'must start with /').nullable().default(null),
  metadata_key: z.string().min(1).default('metadata'),
  jwt_key: z.string().min(1).nullable().default(null),
  jwt_method: z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512']).default('HS256'),
  /** shares rooms across processes; default: the Redis of the state bus (lock store or cache) */
  redis_url: z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL').optional(),
}).strict();

const channelsSchema = z.object({
  rest: z.object({}).strict().nullable().optional(),
  callback: z.object({ url: z.string().url() }).strict().optional(),
  socketio: socketioSchema.optional(),
}).strict();

export type SocketIoConfig = z.infer<typeof socketioSchema>;

const nluEndpointSchema = z.object({
  url: z.string().url(),
  token: z.string().optional(),
  timeout_ms: z.number().int().positive().default(2_000),
  breaker_failures: z.number().int().positive().default(5),
  breaker_half_open_ms: z.number().int().positive().default(10_000),
}).strict();

export const runtimeConfigSchema = z.object({
  /** `full` serves channels and the whole API; `nlu` serves only /model/parse (and health, status) */
  role: z.enum(['full', 'nlu']).default('full'),
  server: z.object({
    host: z.string().default('0.0.0.0'),
    port: z.number().int().min(0).max(65535).default(5005),
    authToken: z.string().min(1).optional(),
    jwtSecret: z.string().min(1).optional(),
    jwtMethod: z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512']).default('HS256'),
    cors: z.array(z.string()).default([]),
    enableApi: z.boolean().default(true),
    responseTimeoutMs: z.number().int().positive().default(3_600_000),
  }).strict(),
  /** tracker store, snapshot cache, lock store, NLU cache and encryption (endpoints.yml) */
  stores: storesConfigSchema.prefault({}),
  actionEndpoint: actionEndpointSchema.optional(),
  /** endpoints.yml `parley: actions:` (or `--actions`): a JS module of in-process actions, resolved against the project */
  actionsModule: z.string().min(1).optional(),
  /** endpoints.yml `nlu: url:`: parse messages with a remote NLU server (`parley run --role nlu`) */
  nluEndpoint: nluEndpointSchema.optional(),
  channels: channelsSchema,
  /** endpoints.yml `event_broker:` (validated by the broker's own schema) */
  eventBroker: eventBrokerConfigSchema.default({ type: 'none' }),
  /** endpoints.yml `llm:`, already validated by parseLlmConfig; null when absent */
  llm: z.custom<Readonly<LlmConfig>>((v) => typeof v === 'object' && v !== null).nullable().default(null),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  friendlyErrorText: z.string().optional(),
}).strict();

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;
export type ActionEndpointConfig = z.infer<typeof actionEndpointSchema>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Validates a runtime config object; errors name the path of every offending key. */
export function parseRuntimeConfig(input: unknown, source = 'configuration'): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ParleyError('CONFIG_INVALID', `${source}: ${problems}`);
  }
  return deepFreeze(result.data);
}
