// Things done to a conversation: log a message, trigger an intent, predict, execute an action.
import type { FastifyInstance } from 'fastify';
import type { TrackerResult } from '../../agent-api.js';
import type { ParseData } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { botMessagesOf } from '../bot-messages.js';
import { resolveOutputChannel, type RouteContext } from '../output-channel.js';
import { verbosityFrom } from '../query-params.js';
import {
  conversationParams, executeBody, messageBody, predictResponse, trackerResponse, trackerResultResponse, triggerIntentBody, verbosityQuery, type ConversationParams,
} from '../schemas.js';
import { ensureConversation } from './conversation-guard.js';

interface VerbosityQuery { include_events?: string; output_channel?: string }
interface MessageBody { text: string; sender?: string | null; parse_data?: ParseData }
interface TriggerIntentBody { name: string; entities?: unknown }
interface ExecuteBody { name: string; policy?: string | null; confidence?: number | null }

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Rasa returns `messages` only when they were collected, not pushed to a channel.
function withMessages(result: TrackerResult, conversationId: string, pushed: boolean): Record<string, unknown> {
  return pushed ? { tracker: result.tracker } : { tracker: result.tracker, messages: botMessagesOf(result.messages, conversationId) };
}

export async function conversationActionRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { agent } = ctx;

  app.post<{ Params: ConversationParams; Querystring: VerbosityQuery; Body: MessageBody }>(
    '/conversations/:conversation_id/messages',
    { schema: { params: conversationParams, querystring: verbosityQuery, body: messageBody, response: trackerResponse } },
    async (request) => {
      const { text, sender, parse_data: parseData } = request.body;
      if (sender !== 'user') {
        throw new ParleyError('HTTP_BAD_REQUEST', 'Currently, only user messages can be passed to this endpoint. '
          + `Messages of sender '${String(sender ?? null)}' cannot be handled.`, { details: { parameter: 'sender', in: 'body' } });
      }
      const verbosity = verbosityFrom(request.query.include_events);
      const message = { senderId: request.params.conversation_id, text, ...(parseData ? { parseData } : {}) };
      return agent.logMessage(message, { verbosity });
    },
  );

  app.post<{ Params: ConversationParams; Querystring: VerbosityQuery; Body: TriggerIntentBody }>(
    '/conversations/:conversation_id/trigger_intent',
    { schema: { params: conversationParams, querystring: verbosityQuery, body: triggerIntentBody, response: trackerResultResponse } },
    async (request) => {
      const id = request.params.conversation_id;
      const { name, entities } = request.body;
      const verbosity = verbosityFrom(request.query.include_events);
      if (!agent.intentNames().includes(name)) {
        throw new ParleyError('INTENT_NOT_FOUND', `The intent ${name} does not exist in the domain.`,
          { details: { parameter: 'name', in: 'body' } });
      }
      const onBotEvent = await resolveOutputChannel(ctx, id, request.query.output_channel, request.log);
      const result = await agent.triggerIntent(id, name, entities ?? [], { verbosity, ...(onBotEvent ? { onBotEvent } : {}) });
      return withMessages(result, id, onBotEvent !== undefined);
    },
  );

  app.post<{ Params: ConversationParams; Querystring: VerbosityQuery }>(
    '/conversations/:conversation_id/predict',
    { schema: { params: conversationParams, querystring: verbosityQuery, response: predictResponse } },
    async (request) => {
      const id = request.params.conversation_id;
      const verbosity = verbosityFrom(request.query.include_events);
      await ensureConversation(agent, id);
      const result = await agent.predict(id, { verbosity });
      const scores = [...result.scores].sort((a, b) => b.score - a.score || byCodePoint(a.action, b.action));
      return { ...result, scores };
    },
  );

  app.post<{ Params: ConversationParams; Querystring: VerbosityQuery; Body: ExecuteBody }>(
    '/conversations/:conversation_id/execute',
    { schema: { params: conversationParams, querystring: verbosityQuery, body: executeBody, response: trackerResultResponse } },
    async (request) => {
      const id = request.params.conversation_id;
      const { name, policy = null, confidence = null } = request.body;
      const verbosity = verbosityFrom(request.query.include_events);
      await ensureConversation(agent, id);
      const onBotEvent = await resolveOutputChannel(ctx, id, request.query.output_channel, request.log);
      const result = await agent.execute(id, { name, policy, confidence }, { verbosity, ...(onBotEvent ? { onBotEvent } : {}) });
      return withMessages(result, id, onBotEvent !== undefined);
    },
  );
}
