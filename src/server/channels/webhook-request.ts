// The webhook request shared by the REST and callback channels (rasa-compat §2.1).
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from '../../agent-api.js';
import { useJsonForEveryContentType } from '../json-body.js';
import { statusOkResponse } from '../schemas.js';

export interface WebhookBody {
  sender?: string | number | null;
  message: string;
  metadata?: Record<string, unknown> | null;
  input_channel?: string | null;
}

export const webhookBodySchema = {
  type: 'object',
  required: ['message'],
  properties: {
    sender: { type: ['string', 'number', 'null'] },
    message: { type: 'string' },
    metadata: { type: ['object', 'null'] },
    input_channel: { type: ['string', 'null'] },
  },
} as const;

export const webhookQuerySchema = {
  type: 'object',
  properties: { stream: { type: 'string' } },
} as const;

export const DEFAULT_SENDER = 'default';

export function incomingMessage(body: WebhookBody, channelName: string): IncomingMessage {
  const sender = body.sender === undefined || body.sender === null || body.sender === '' ? DEFAULT_SENDER : String(body.sender);
  const inputChannel = typeof body.input_channel === 'string' && body.input_channel !== '' ? body.input_channel : channelName;
  return { senderId: sender, text: body.message.trim(), metadata: body.metadata ?? {}, inputChannel };
}

/** JSON bodies whatever the Content-Type, plus the `GET /webhooks/<name>/` health route. */
export function prepareWebhookScope(app: FastifyInstance): void {
  useJsonForEveryContentType(app);
  app.get('/', { schema: { response: statusOkResponse } }, async () => ({ status: 'ok' }));
}
