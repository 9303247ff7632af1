import type { Agent } from '../../agent-api.js';
import { ParleyError } from '../../errors.js';

/** Rasa's 404 "Not found" for endpoints that need an existing conversation. */
export async function ensureConversation(agent: Agent, conversationId: string): Promise<void> {
  if (!(await agent.conversationExists(conversationId))) {
    throw new ParleyError('CONVERSATION_NOT_FOUND', `Conversation with id '${conversationId}' not found.`,
      { details: { parameter: 'conversation_id', in: 'path' } });
  }
}
