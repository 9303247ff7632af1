// Rasa's Socket.IO channel (rasa-compat §2.2), so existing web chat widgets work unchanged:
// `session_request` → `session_confirm` with the id string, `user_uttered` → one turn,
// `bot_uttered` per message part to the room of the sender. With session persistence the
// frontend owns the id and every socket of that session (any tab, any process through the Redis
// adapter) is in its room; without it each socket is its own conversation.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import type { BotEventListener } from '../../agent-api.js';
import { logEvent } from '../../observability/logger.js';
import { botMessages, type BotMessage } from '../bot-messages.js';
import { statusOkResponse } from '../schemas.js';
import type { Channel, ChannelContext } from './channel.js';
import { admitTurn, runTurn } from './run-turn.js';
import { socketPayloads } from './socketio-messages.js';
import { attachSocketIo } from './socketio-server.js';

export interface SocketIoChannelOptions {
  userMessageEvt: string;
  botMessageEvt: string;
  sessionPersistence: boolean;
  /** the Engine.IO path, at the app root (not under /webhooks) */
  socketioPath: string;
  namespace: string | null;
  /** where user_uttered carries its metadata (`customData` for rasa-webchat) */
  metadataKey: string;
  jwtKey?: string | null;
  jwtMethod?: string;
  /** shares rooms across processes (@socket.io/redis-adapter) */
  redisUrl?: string;
  /** allowed origins, as the server's --cors */
  cors?: readonly string[];
}

export const SOCKETIO_DEFAULTS: SocketIoChannelOptions = {
  userMessageEvt: 'user_uttered', botMessageEvt: 'bot_uttered', sessionPersistence: false,
  socketioPath: '/socket.io', namespace: null, metadataKey: 'metadata',
};

function metadataOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return metadataOf(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

export class SocketIoChannel implements Channel {
  readonly name: string = 'socketio';
  private nsp: Namespace | undefined;

  constructor(private readonly opts: SocketIoChannelOptions) {}

  async register(app: FastifyInstance, ctx: ChannelContext): Promise<void> {
    app.get('/', { schema: { summary: 'Socket.IO channel health', response: statusOkResponse } }, async () => ({ status: 'ok' }));
    const { nsp } = attachSocketIo(app, {
      path: this.opts.socketioPath, namespace: this.opts.namespace, jwtMethod: this.opts.jwtMethod ?? 'HS256',
      ...(this.opts.cors ? { cors: this.opts.cors } : {}),
      ...(this.opts.jwtKey ? { jwtKey: this.opts.jwtKey } : {}),
      ...(this.opts.redisUrl ? { redisUrl: this.opts.redisUrl } : {}),
    });
    this.nsp = nsp;
    nsp.on('connection', (socket) => this.onConnection(socket, ctx, app.log));
  }

  /** `?output_channel=socketio`: the messages go to the conversation's room, in whichever process. */
  outputFor(recipientId: string): BotEventListener {
    return async (event) => {
      for (const m of botMessages(event, recipientId)) this.emit([recipientId], m);
    };
  }

  private emit(rooms: string[], m: BotMessage): void {
    for (const payload of socketPayloads(m)) this.nsp?.to(rooms).emit(this.opts.botMessageEvt, payload);
  }

  private onConnection(socket: Socket, ctx: ChannelContext, log: FastifyBaseLogger): void {
    socket.on('session_request', (data: unknown) => {
      void this.onSessionRequest(socket, ctx, asRecord(data), log);
    });
    socket.on(this.opts.userMessageEvt, (data: unknown) => {
      void this.onUserMessage(socket, ctx, asRecord(data), log);
    });
  }

  private async onSessionRequest(socket: Socket, ctx: ChannelContext, data: Record<string, unknown>, log: FastifyBaseLogger): Promise<void> {
    const given = data['session_id'];
    const sessionId = typeof given === 'string' && given !== '' ? given : randomUUID().replaceAll('-', '');
    if (this.opts.sessionPersistence) {
      await socket.join(sessionId);
      // a linked id also hears messages pushed to its conversation (trigger_intent, reminders)
      const linked = await ctx.agent.identities.resolve(sessionId).catch(() => undefined);
      if (linked !== undefined && linked !== sessionId) await socket.join(linked);
    }
    socket.emit('session_confirm', sessionId);
    logEvent(log, 'debug', 'channel.socketio.session', { sid: socket.id, persistent: this.opts.sessionPersistence });
  }

  private async onUserMessage(socket: Socket, ctx: ChannelContext, data: Record<string, unknown>, log: FastifyBaseLogger): Promise<void> {
    let sender: string = socket.id;
    if (this.opts.sessionPersistence) {
      const sessionId = data['session_id'];
      if (typeof sessionId !== 'string' || sessionId === '') {
        logEvent(log, 'warn', 'channel.socketio.message_without_session', { sid: socket.id });
        return;
      }
      sender = sessionId;
    }
    const text = typeof data['message'] === 'string' ? data['message'] : String(data['message'] ?? '');
    const turn = await admitTurn(ctx, { senderId: sender, text, metadata: metadataOf(data[this.opts.metadataKey]), inputChannel: this.name });
    const conversationId = turn.message.senderId;
    const rooms = conversationId === sender ? [sender] : [sender, conversationId];
    await runTurn(ctx, log, { ...turn, emit: (m) => { this.emit(rooms, m); } });
  }
}
