// Builds a running Parley from a project directory: config, model, stores, agent, app.
// Shared by `parley run` and the tests/benchmarks that need a real server.
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ParleyAgent } from '../agent.js';
import type { RuntimeConfig, SocketIoConfig } from '../config.js';
import { createEventBroker, type EventBroker } from '../broker/index.js';
import { createLlm, type LlmServices } from '../llm/create-llm.js';
import { llmHooks } from '../llm-hooks.js';
import { loadModel, type LoadedModel } from '../loaded-model.js';
import { warmUp } from '../nlu/warm-up.js';
import { remoteNluParse } from '../remote-nlu.js';
import { HealthRegistry, stateCheck } from '../observability/health.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createMetrics, type ParleyMetrics } from '../observability/metrics.js';
import { buildApp, type ServerOptions } from '../server/app.js';
import type { StoresConfig } from '../stores/config-schema.js';
import { createStores } from '../stores/create-stores.js';
import { cachedParse } from '../stores/nlu-cache.js';
import { readYamlMapping } from './endpoint-files.js';
import { importActions } from './project-actions.js';
import { buildRuntimeConfig, type RunFlags } from './runtime-config.js';

export interface ServeFlags extends RunFlags {
  project: string;
  model?: string;
  endpoints?: string;
  credentials?: string;
}

export interface ServedProject {
  app: FastifyInstance;
  agent: ParleyAgent;
  config: RuntimeConfig;
  model: LoadedModel;
  logger: Logger;
  metrics: ParleyMetrics;
  health: HealthRegistry;
  broker: EventBroker;
  llm: LlmServices | undefined;
}

const MEMORY_STORES: StoresConfig = {
  trackerStore: { type: 'memory' }, cache: { type: 'none' }, lockStore: { type: 'memory' }, nluCache: { type: 'none' },
  encryption: { sensitiveSlots: [], sensitiveEntities: [] }, stateBus: { type: 'memory' },
};

/** credentials.yml `socketio:` → channel options; rooms span processes over the state bus's Redis. */
function socketioOptions(config: RuntimeConfig): NonNullable<ServerOptions['channels']['socketio']> {
  const s = config.channels.socketio as SocketIoConfig;
  const bus = config.stores.stateBus;
  const redisUrl = s.redis_url ?? (bus.type === 'redis' ? bus.url : undefined);
  return {
    userMessageEvt: s.user_message_evt, botMessageEvt: s.bot_message_evt, sessionPersistence: s.session_persistence,
    socketioPath: s.socketio_path, namespace: s.namespace, metadataKey: s.metadata_key, jwtMethod: s.jwt_method,
    ...(s.jwt_key ? { jwtKey: s.jwt_key } : {}),
    ...(redisUrl ? { redisUrl } : {}),
  };
}

export async function serveProject(flags: ServeFlags, opts: { logger?: Logger; metrics?: ParleyMetrics } = {}): Promise<ServedProject> {
  const root = resolve(flags.project);
  const warnings: string[] = [];
  const config = buildRuntimeConfig({
    flags, env: process.env, projectDir: root, warn: (m) => warnings.push(m),
    endpoints: readYamlMapping(flags.endpoints ? resolve(flags.endpoints) : join(root, 'endpoints.yml')),
    credentials: readYamlMapping(flags.credentials ? resolve(flags.credentials) : join(root, 'credentials.yml')),
  });
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  for (const w of warnings) logger.warn({ event: 'config.warning' }, w);
  const model = await loadModel(resolve(root, flags.model ?? 'models'));
  // the model's own examples, parsed before the server listens: first-use work is not a request's
  const warm = await warmUp(model.nlu, (model.archive.nlu_examples ?? []).map((e) => e.text));
  logger.info({ event: 'model.warm_up', parses: warm.parses, failures: warm.failures, latency_ms: Math.round(warm.ms) }, 'model warmed up');
  // an NLU-only server holds no conversations: it never opens the configured stores
  const nluOnly = config.role === 'nlu';
  const metrics = opts.metrics ?? createMetrics();
  const { trackerStore, lockStore, nluCache, identityStore, stateBus } = await createStores(nluOnly ? MEMORY_STORES : config.stores, { baseDir: root, logger, observer: metrics });
  const { sensitiveSlots, sensitiveEntities } = config.stores.encryption;
  const broker = createEventBroker(config.eventBroker, { observer: metrics, logger });
  const llm = config.llm ? createLlm(config.llm, { logger }) : undefined;
  const localParse = (text: string, o: { messageId?: string; metadata?: Record<string, unknown> } = {}) => model.nlu.parse(text, o);
  const uncached = config.nluEndpoint && !nluOnly ? remoteNluParse(config.nluEndpoint, logger) : localParse;
  const baseParse = nluCache
    ? cachedParse(nluCache.cache, model.nlu.fingerprint, uncached, { ttlSeconds: nluCache.ttlSeconds, ...(nluCache.sealer ? { sealer: nluCache.sealer } : {}) })
    : uncached;
  const hooks = llm && config.role !== 'nlu'
    ? llmHooks(baseParse, { llm, domain: model.domain, examples: model.archive.nlu_examples ?? [], sensitiveSlots, sensitiveEntities, metrics })
    : undefined;
  const agent = new ParleyAgent({
    model, trackerStore, lockStore, logger, metrics, eventBroker: broker,
    parse: hooks ? hooks.parse : baseParse,
    sensitiveSlots, sensitiveEntities, identityStore, stateBus,
    ...(hooks?.rephrase ? { rephrase: hooks.rephrase } : {}),
    ...(config.actionEndpoint ? { actionEndpoint: config.actionEndpoint } : {}),
    ...(config.actionsModule && !nluOnly ? { actions: await importActions(config.actionsModule) } : {}),
  });
  const health = new HealthRegistry();
  health.register(stateCheck({ name: 'model', critical: true, ok: () => true, detail: () => model.fileName }));
  health.register(stateCheck({ name: 'event_broker', critical: false, ok: () => config.eventBroker.type === 'none' || broker.stats.connected }));
  const channels = {
    ...(config.channels.rest !== undefined ? { rest: {} } : {}),
    ...(config.channels.callback ? { callback: config.channels.callback } : {}),
    ...(config.channels.socketio ? { socketio: socketioOptions(config) } : {}),
  };
  const s = config.server;
  const app = await buildApp(agent, {
    channels, logger, metrics, health, role: config.role, enableApi: s.enableApi, cors: [...s.cors], responseTimeoutMs: s.responseTimeoutMs, jwtMethod: s.jwtMethod,
    ...(s.authToken ? { authToken: s.authToken } : {}),
    ...(s.jwtSecret ? { jwtSecret: s.jwtSecret } : {}),
    ...(config.friendlyErrorText ? { friendlyErrorText: config.friendlyErrorText } : {}),
  });
  app.addHook('onClose', async () => {
    await agent.close();
    await nluCache?.cache.close();
    await broker.flush(5_000);
    await broker.close();
  });
  return { app, agent, config, model, logger, metrics, health, broker, llm };
}
