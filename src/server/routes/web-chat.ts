// The web chat page at /chat: static files (no build step, no CDN) plus /chat/config.json,
// which tells the page how to reach this server's channels. The socket.io client script comes
// from the socket.io server itself.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../agent-api.js';
import { ParleyError } from '../../errors.js';
import { SOCKETIO_DEFAULTS } from '../channels/socketio-channel.js';
import type { ChannelOptions } from '../server-options.js';

export interface WebChatOptions {
  agent: Agent;
  channels: ChannelOptions;
  authEnabled: boolean;
}

/** src/server/web when run from source, dist/server/web after `npm run build` (which copies it). */
export const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));

const configSchema = {
  type: 'object',
  properties: {
    language: { type: 'string' },
    auth_required: { type: 'boolean' },
    rest: { type: 'boolean' },
    socketio: {
      type: ['object', 'null'],
      properties: {
        path: { type: 'string' }, namespace: { type: 'string' }, user_message_evt: { type: 'string' },
        bot_message_evt: { type: 'string' }, session_persistence: { type: 'boolean' }, metadata_key: { type: 'string' },
        jwt_required: { type: 'boolean' },
      },
    },
  },
} as const;

export async function webChatRoutes(app: FastifyInstance, opts: WebChatOptions): Promise<void> {
  if (!existsSync(WEB_DIR)) {
    throw new ParleyError('CONFIG_INVALID', `the web chat files are missing at ${WEB_DIR} (run npm run build, or start with webChat: false)`);
  }
  const sio = opts.channels.socketio === undefined ? undefined : { ...SOCKETIO_DEFAULTS, ...opts.channels.socketio };
  app.get('/chat/config.json', { schema: { summary: 'How the web chat page reaches this server', response: { 200: configSchema } } }, async () => ({
    language: opts.agent.language,
    auth_required: opts.authEnabled,
    rest: opts.channels.rest !== undefined,
    socketio: sio ? {
      path: sio.socketioPath, namespace: sio.namespace ?? '/', user_message_evt: sio.userMessageEvt, bot_message_evt: sio.botMessageEvt,
      session_persistence: sio.sessionPersistence, metadata_key: sio.metadataKey, jwt_required: Boolean(sio.jwtKey),
    } : null,
  }));
  app.get('/chat', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/chat/'));
  await app.register(fastifyStatic, { root: WEB_DIR, prefix: '/chat/', index: 'index.html', schemaHide: true });
}
