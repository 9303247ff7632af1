// The unauthenticated routes: the health text and the version (rasa-compat §1.5).
import type { FastifyInstance } from 'fastify';
import { plainTextResponse } from '../schemas.js';
import { PARLEY_VERSION, RASA_VERSION } from '../version.js';

export interface RootRouteOptions {
  /** /version belongs to the HTTP API and only exists with it */
  enableApi: boolean;
}

export async function rootRoutes(app: FastifyInstance, opts: RootRouteOptions): Promise<void> {
  // Clients only check the 200; the text names Parley honestly.
  app.get('/', { schema: { response: plainTextResponse('Health text') } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`Hello from Parley: ${PARLEY_VERSION}`));

  if (opts.enableApi) {
    app.get('/version', { schema: { response: { 200: { type: 'object', additionalProperties: true, properties: { version: { type: 'string' }, minimum_compatible_version: { type: 'string' }, parley: { type: 'string' } } } } } }, async () => ({
      version: RASA_VERSION,
      minimum_compatible_version: RASA_VERSION,
      parley: PARLEY_VERSION,
    }));
  }
}
