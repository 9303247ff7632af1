// Tracker, events and story of one conversation (rasa-compat §1.5).
import type { FastifyInstance } from 'fastify';
import { InvalidEventError, parseEvents, type Event } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { resolveOutputChannel, type RouteContext } from '../output-channel.js';
import { boolArg, verbosityFrom } from '../query-params.js';
import {
  conversationParams, eventsBody, eventsQuery, storyQuery, storyResponse, trackerQuery, trackerResponse, type ConversationParams,
} from '../schemas.js';
import { ensureConversation } from './conversation-guard.js';

interface EventsQuery { include_events?: string; output_channel?: string; execute_side_effects?: string }

function eventsFromBody(body: unknown): Event[] {
  try {
    return parseEvents(body);
  } catch (err) {
    if (!(err instanceof InvalidEventError)) throw err;
    throw new ParleyError('HTTP_BAD_REQUEST', `Failed to validate the events format. ${err.message}`,
      { details: { parameter: 'events', in: 'body' } });
  }
}

export async function conversationRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { agent } = ctx;

  app.get<{ Params: ConversationParams; Querystring: { include_events?: string; until?: number } }>(
    '/conversations/:conversation_id/tracker',
    { schema: { params: conversationParams, querystring: trackerQuery, response: trackerResponse } },
    async (request) => {
      const verbosity = verbosityFrom(request.query.include_events);
      const { until } = request.query;
      return agent.tracker(request.params.conversation_id, { verbosity, ...(until !== undefined ? { until } : {}) });
    },
  );

  app.post<{ Params: ConversationParams; Querystring: EventsQuery; Body: unknown }>(
    '/conversations/:conversation_id/tracker/events',
    { schema: { params: conversationParams, querystring: eventsQuery, body: eventsBody, response: trackerResponse } },
    async (request) => {
      const id = request.params.conversation_id;
      const verbosity = verbosityFrom(request.query.include_events);
      const events = eventsFromBody(request.body);
      // Only a pushing channel can show side effects; collected messages have nowhere to go.
      const onBotEvent = boolArg(request.query.execute_side_effects)
        ? await resolveOutputChannel(ctx, id, request.query.output_channel, request.log)
        : undefined;
      return agent.appendEvents(id, events, { verbosity, ...(onBotEvent ? { onBotEvent } : {}) });
    },
  );

  app.put<{ Params: ConversationParams; Querystring: EventsQuery; Body: unknown }>(
    '/conversations/:conversation_id/tracker/events',
    { schema: { params: conversationParams, querystring: eventsQuery, body: eventsBody, response: trackerResponse } },
    async (request) => {
      const verbosity = verbosityFrom(request.query.include_events);
      return agent.replaceEvents(request.params.conversation_id, eventsFromBody(request.body), { verbosity });
    },
  );

  app.get<{ Params: ConversationParams; Querystring: { until?: number; all_sessions?: string } }>(
    '/conversations/:conversation_id/story',
    { schema: { params: conversationParams, querystring: storyQuery, response: storyResponse } },
    async (request, reply) => {
      const id = request.params.conversation_id;
      await ensureConversation(agent, id);
      const { until, all_sessions: allSessions } = request.query;
      const story = await agent.story(id, { allSessions: boolArg(allSessions), ...(until !== undefined ? { until } : {}) });
      return reply.type('text/plain; charset=utf-8').send(story);
    },
  );
}
