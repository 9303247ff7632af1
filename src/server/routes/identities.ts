// Identity linking (issue 5): several channel user ids continue one conversation. Admin only
// (a user-role JWT has no conversation id on these routes, so the auth hook refuses it).
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../agent-api.js';
import { ParleyError } from '../../errors.js';
import { identityBody, identityParams, identityResponse, type IdentityBody } from './state-schemas.js';

interface IdentityParams { channel_user_id: string }

const notLinked = (id: string): ParleyError =>
  new ParleyError('CONVERSATION_NOT_FOUND', `Channel user id '${id}' is not linked to a conversation.`, { details: { parameter: 'channel_user_id', in: 'path' } });

export async function identityRoutes(app: FastifyInstance, opts: { agent: Agent }): Promise<void> {
  const { identities } = opts.agent;

  app.post<{ Body: IdentityBody }>('/identities/link', {
    schema: { summary: 'Link a channel user id to a conversation id', body: identityBody, response: { 200: identityResponse } },
  }, async (request) => {
    const { channel_user_id: channelUserId, conversation_id: conversationId } = request.body;
    await identities.link(channelUserId, conversationId);
    return { channel_user_id: channelUserId, conversation_id: conversationId };
  });

  app.get<{ Params: IdentityParams }>('/identities/:channel_user_id', {
    schema: { summary: 'The conversation a channel user id is linked to', params: identityParams, response: { 200: identityResponse } },
  }, async (request) => {
    const id = request.params.channel_user_id;
    const conversationId = await identities.resolve(id);
    if (conversationId === undefined) throw notLinked(id);
    return { channel_user_id: id, conversation_id: conversationId };
  });

  app.delete<{ Params: IdentityParams }>('/identities/:channel_user_id', {
    schema: { summary: 'Unlink a channel user id', params: identityParams, response: { 204: { type: 'null', description: 'unlinked' } } },
  }, async (request, reply) => {
    const id = request.params.channel_user_id;
    if (!(await identities.unlink(id))) throw notLinked(id);
    return reply.status(204).send();
  });
}
