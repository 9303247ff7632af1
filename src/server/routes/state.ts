// The state API (issue 5): GET /conversations/{id}/state, and its live stream as Server-Sent
// Events: an initial `state` event, one `change` event per saved change (from any process),
// heartbeat comments every 15 s; the subscription ends when the client goes away.
// "Authorised" (plaintext sensitive values) = the request passed the API auth, i.e. it carried
// the token or a JWT allowed for this conversation. With auth disabled, values stay masked.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Agent, StateChange } from '../../agent-api.js';
import { conversationParams, type ConversationParams } from '../schemas.js';
import { conversationStateSchema, stateQuery } from './state-schemas.js';

export interface StateRouteOptions {
  agent: Agent;
  /** true when the API auth hook guards these routes */
  authEnabled: boolean;
  /** default 15 s */
  heartbeatMs?: number;
}

interface StateQuery { recent?: number; token?: string }

const sseEvent = (name: string, data: unknown): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export async function stateRoutes(app: FastifyInstance, opts: StateRouteOptions): Promise<void> {
  const { agent, authEnabled } = opts;
  const authorized = authEnabled;
  // open streams end before the server closes, so close() does not wait for them
  const open = new Set<() => void>();
  app.addHook('preClose', async () => { for (const stop of [...open]) stop(); });

  app.get<{ Params: ConversationParams; Querystring: StateQuery }>('/conversations/:conversation_id/state', {
    schema: {
      summary: 'Slots, active form, latest intent and recent messages of a conversation',
      params: conversationParams, querystring: stateQuery, response: { 200: conversationStateSchema },
    },
  }, async (request) => {
    const { recent } = request.query;
    return agent.state(request.params.conversation_id, { authorized, ...(recent !== undefined ? { recent } : {}) });
  });

  app.get<{ Params: ConversationParams; Querystring: StateQuery }>('/conversations/:conversation_id/state/stream', {
    schema: {
      summary: 'Live state changes as Server-Sent Events (event `state`, then `change` per saved turn)',
      params: conversationParams, querystring: stateQuery,
      response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
    },
  }, async (request, reply) => {
    const id = request.params.conversation_id;
    const out = new PassThrough();
    // subscribe before reading, so no change between the read and the subscription is lost
    const unsubscribe = agent.subscribe(id, (change: StateChange) => { out.write(sseEvent('change', change)); }, { authorized });
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), opts.heartbeatMs ?? 15_000);
    const stop = (): void => { open.delete(stop); clearInterval(heartbeat); unsubscribe(); out.end(); };
    open.add(stop);
    reply.raw.on('close', stop);
    const { recent } = request.query;
    const state = await agent.state(id, { authorized, ...(recent !== undefined ? { recent } : {}) });
    out.write(sseEvent('state', state));
    return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').header('x-accel-buffering', 'no').send(out);
  });
}
