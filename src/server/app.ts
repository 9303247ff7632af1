// The Fastify app: Rasa's HTTP API and the configured channels in front of one Agent.
// buildApp never listens; serve code (or a test) decides where.
import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Agent } from '../agent-api.js';
import { CallbackChannel } from './channels/callback-channel.js';
import type { Channel, ChannelContext } from './channels/channel.js';
import { RestChannel } from './channels/rest-channel.js';
import { SOCKETIO_DEFAULTS, SocketIoChannel } from './channels/socketio-channel.js';
import { installOpenApi } from './plugins/openapi.js';
import { identityRoutes } from './routes/identities.js';
import { stateRoutes } from './routes/state.js';
import { webChatRoutes } from './routes/web-chat.js';
import { rewriteConversationUrl } from './conversation-url.js';
import { useJsonForEveryContentType } from './json-body.js';
import type { RouteContext } from './output-channel.js';
import { createAuthHook } from './plugins/auth.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installMetrics } from './plugins/metrics.js';
import { installResponseTimeout } from './plugins/response-timeout.js';
import { conversationActionRoutes } from './routes/conversation-actions.js';
import { conversationRoutes } from './routes/conversations.js';
import { domainRoutes } from './routes/domain.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/model.js';
import { rootRoutes } from './routes/root.js';
import { friendlyErrorTextFor, type ServerOptions } from './server-options.js';
import { ArrivalOrder } from './channels/arrival-order.js';

export type { ServerOptions } from './server-options.js';

const ONE_HOUR_MS = 3_600_000;

export function channelsFor(opts: ServerOptions['channels'], server: Pick<ServerOptions, 'cors'> = {}): Channel[] {
  const channels: Channel[] = [];
  if (opts.rest !== undefined) channels.push(new RestChannel());
  if (opts.callback !== undefined) channels.push(new CallbackChannel({ url: opts.callback.url }));
  if (opts.socketio !== undefined) {
    channels.push(new SocketIoChannel({ ...SOCKETIO_DEFAULTS, ...opts.socketio, ...(server.cors ? { cors: server.cors } : {}) }));
  }
  return channels;
}

function createInstance(opts: ServerOptions): FastifyInstance {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : {}),
    genReqId: () => randomUUID(),
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    rewriteUrl: (req) => rewriteConversationUrl(req.url ?? '/'),
    // `type: ["string", "null"]` in schemas: Rasa clients send null for optional fields.
    ajv: { customOptions: { allowUnionTypes: true } },
  });
  // A typed logger instance narrows Fastify's generics; the app is used through the base type.
  return app as unknown as FastifyInstance;
}

async function registerApi(app: FastifyInstance, opts: ServerOptions, ctx: RouteContext): Promise<void> {
  const authHook = createAuthHook(opts);
  await app.register(async (api) => {
    if (authHook) api.addHook('onRequest', authHook);
    useJsonForEveryContentType(api);
    await api.register(modelRoutes, ctx);
    await api.register(domainRoutes, ctx);
    if (opts.role === 'nlu') return;
    await api.register(conversationRoutes, ctx);
    await api.register(conversationActionRoutes, ctx);
    await api.register(stateRoutes, { agent: ctx.agent, authEnabled: authHook !== undefined, ...(opts.stateHeartbeatMs ? { heartbeatMs: opts.stateHeartbeatMs } : {}) });
    await api.register(identityRoutes, { agent: ctx.agent });
  });
}

export async function buildApp(agent: Agent, opts: ServerOptions): Promise<FastifyInstance> {
  const app = createInstance(opts);
  installErrorHandler(app);
  installResponseTimeout(app, opts.responseTimeoutMs ?? ONE_HOUR_MS);
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id); });
  if (opts.cors !== undefined && opts.cors.length > 0) {
    await app.register(cors, { origin: opts.cors.includes('*') ? '*' : opts.cors, exposedHeaders: ['filename'] });
  }
  await installOpenApi(app);
  if (opts.metrics) await installMetrics(app, { metrics: opts.metrics, authHook: createAuthHook(opts) });
  const enableApi = opts.enableApi ?? true;
  await app.register(rootRoutes, { enableApi });
  await app.register(healthRoutes, { health: opts.health });

  const channels = opts.role === 'nlu' ? [] : channelsFor(opts.channels, opts);
  const channelCtx: ChannelContext = {
    agent, arrivals: new ArrivalOrder(), friendlyErrorText: friendlyErrorTextFor(agent.language, opts.friendlyErrorText), ...(opts.metrics ? { metrics: opts.metrics } : {}),
  };
  for (const channel of channels) {
    await app.register(async (scope) => channel.register(scope, channelCtx), { prefix: `/webhooks/${channel.name}` });
  }
  if (enableApi) await registerApi(app, opts, { agent, channels });
  if (opts.role !== 'nlu' && opts.webChat !== false) await app.register(webChatRoutes, { agent, channels: opts.channels, authEnabled: createAuthHook(opts) !== undefined });
  return app;
}
