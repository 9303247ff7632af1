// Rasa's REST channel: POST /webhooks/rest/webhook answers with the bot messages, as a JSON
// array or (?stream=true) as one JSON message per line while the turn produces them.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Channel, ChannelContext } from './channel.js';
import { admitTurn, runTurn } from './run-turn.js';
import { boolArg } from '../query-params.js';
import { botMessagesResponse } from '../schemas.js';
import { incomingMessage, prepareWebhookScope, webhookBodySchema, webhookQuerySchema, type WebhookBody } from './webhook-request.js';

export class RestChannel implements Channel {
  readonly name: string = 'rest';

  async register(app: FastifyInstance, ctx: ChannelContext): Promise<void> {
    prepareWebhookScope(app);
    app.post<{ Body: WebhookBody; Querystring: { stream?: string } }>('/webhook', {
      schema: { body: webhookBodySchema, querystring: webhookQuerySchema, response: botMessagesResponse },
    }, async (request, reply) => {
      const turn = await admitTurn(ctx, incomingMessage(request.body, this.name));
      if (!boolArg(request.query.stream)) return runTurn(ctx, request.log, turn);
      const out = new PassThrough();
      void runTurn(ctx, request.log, { ...turn, emit: (m) => { out.write(`${JSON.stringify(m)}\n`); } })
        .finally(() => out.end());
      return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').send(out);
    });
  }
}
