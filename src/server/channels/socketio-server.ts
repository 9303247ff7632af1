// The Socket.IO server of the socketio channel: attached to Fastify's HTTP server (same port),
// CORS as the server's --cors, an optional JWT check on connect, and the Redis adapter when a
// Redis URL is configured, so rooms span every `parley run` process (no sticky sessions for
// server-initiated messages: a reply produced in one process reaches a socket on another).
import { createAdapter } from '@socket.io/redis-adapter';
import { createVerifier, type Algorithm } from 'fast-jwt';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { Server, type Namespace } from 'socket.io';
import { logEvent } from '../../observability/logger.js';

export interface SocketIoServerOptions {
  path: string;
  namespace: string | null;
  cors?: readonly string[];
  jwtKey?: string;
  jwtMethod?: string;
  redisUrl?: string;
  /** key prefix of the adapter's Redis channels */
  redisKey?: string;
}

function jwtCheck(key: string, method: string): (token: unknown) => boolean {
  const verify = createVerifier({ key, algorithms: [method as Algorithm] });
  return (token) => {
    if (typeof token !== 'string') return false;
    try {
      verify(token.replace(/^Bearer\s+/i, ''));
      return true;
    } catch {
      return false;
    }
  };
}

function redisAdapter(url: string, key: string, app: FastifyInstance): { adapter: ReturnType<typeof createAdapter>; close: () => Promise<void> } {
  const retryStrategy = (n: number): number => Math.min(50 * 2 ** Math.min(n, 6), 2000);
  const pub = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy });
  const sub = pub.duplicate();
  let lastLog = 0;
  const onError = (err: Error): void => {
    if (Date.now() - lastLog < 10_000) return;
    lastLog = Date.now();
    logEvent(app.log, 'warn', 'channel.socketio.redis_error', { err: err.message });
  };
  pub.on('error', onError);
  sub.on('error', onError);
  return {
    adapter: createAdapter(pub, sub, { key }),
    close: async () => { pub.disconnect(); sub.disconnect(); },
  };
}

export interface AttachedSocketIo { io: Server; nsp: Namespace }

/** Creates the server on `app.server`; it is shut down in the app's preClose/onClose hooks. */
export function attachSocketIo(app: FastifyInstance, opts: SocketIoServerOptions): AttachedSocketIo {
  const cors = opts.cors && opts.cors.length > 0 ? { origin: opts.cors.includes('*') ? '*' : [...opts.cors] } : undefined;
  const io = new Server(app.server, { path: opts.path, serveClient: true, ...(cors ? { cors } : {}) });
  const redis = opts.redisUrl ? redisAdapter(opts.redisUrl, opts.redisKey ?? 'parley-socket.io', app) : undefined;
  if (redis) io.adapter(redis.adapter);
  const nsp = io.of(opts.namespace ?? '/');
  if (opts.jwtKey) {
    const valid = jwtCheck(opts.jwtKey, opts.jwtMethod ?? 'HS256');
    nsp.use((socket, next) => {
      const auth = socket.handshake.auth as Record<string, unknown> | undefined;
      if (valid(auth?.['token'])) next();
      else next(new Error('not authorized'));
    });
  }
  // open sockets would keep the HTTP server from closing
  app.addHook('preClose', async () => {
    io.local.disconnectSockets(true);
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await Promise.all([...io._nsps.values()].map((n) => Promise.resolve(n.adapter.close())));
    await redis?.close();
  });
  return { io, nsp };
}
