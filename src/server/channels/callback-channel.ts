// Rasa's callback channel: the webhook answers "success" and every bot message is POSTed to
// the configured URL as it is produced. It is also an `?output_channel=callback` sink.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { BotEventListener } from '../../agent-api.js';
import { logEvent } from '../../observability/logger.js';
import { botMessages, type BotMessage } from '../bot-messages.js';
import { callbackResponse } from '../schemas.js';
import type { Channel, ChannelContext } from './channel.js';
import { admitTurn, runTurn } from './run-turn.js';
import { incomingMessage, prepareWebhookScope, webhookBodySchema, type WebhookBody } from './webhook-request.js';

export interface CallbackChannelOptions {
  url: string;
  /** per POST; default 10 s */
  timeoutMs?: number;
}

export class CallbackChannel implements Channel {
  readonly name: string = 'callback';

  constructor(private readonly opts: CallbackChannelOptions) {}

  async register(app: FastifyInstance, ctx: ChannelContext): Promise<void> {
    prepareWebhookScope(app);
    app.post<{ Body: WebhookBody }>('/webhook', { schema: { body: webhookBodySchema, response: callbackResponse } }, async (request, reply) => {
      const turn = await admitTurn(ctx, incomingMessage(request.body, this.name));
      await runTurn(ctx, request.log, { ...turn, emit: (m) => this.post(m, request.log) });
      return reply.type('text/plain; charset=utf-8').send('success');
    });
  }

  outputFor(recipientId: string, log: FastifyBaseLogger): BotEventListener {
    return async (event) => {
      for (const m of botMessages(event, recipientId)) await this.post(m, log);
    };
  }

  // Delivery problems are logged, never thrown: the turn itself succeeded.
  private async post(message: BotMessage, log: FastifyBaseLogger): Promise<void> {
    try {
      const res = await fetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) logEvent(log, 'warn', 'channel.callback.post_rejected', { status: res.status });
      await res.body?.cancel();
    } catch (err) {
      logEvent(log, 'warn', 'channel.callback.post_failed', { err });
    }
  }
}
