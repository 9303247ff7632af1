// The loaded model: /status and NLU-only /model/parse (rasa-compat §1.5).
import type { FastifyInstance } from 'fastify';
import { logEvent } from '../../observability/logger.js';
import type { RouteContext } from '../output-channel.js';
import { parseBody, parseQuery, parseResponse, statusResponse, tokenQuery } from '../schemas.js';

// Rasa returns only output properties and drops keys whose value is null.
function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

export async function modelRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { agent } = ctx;

  // With no model loaded the agent throws MODEL_NOT_FOUND, answered as 409 Conflict.
  app.get('/status', { schema: { querystring: tokenQuery, response: statusResponse } }, async () => agent.status());

  app.post<{ Body: { text: string; message_id?: string | null }; Querystring: { emulation_mode?: string } }>(
    '/model/parse',
    { schema: { body: parseBody, querystring: parseQuery, response: parseResponse } },
    async (request) => {
      const mode = request.query.emulation_mode;
      if (mode !== undefined && mode !== '') {
        // Wit/LUIS/Dialogflow response emulation is not implemented: the Rasa shape is returned.
        logEvent(request.log, 'info', 'model.parse.emulation_ignored', { emulation_mode: mode });
      }
      const { text, message_id: messageId } = request.body;
      const parsed = await agent.parse(text, messageId ?? undefined);
      return withoutNulls({ ...parsed });
    },
  );
}
