// The OpenAPI document (/docs/json) and its browsable page (/docs), generated from the routes'
// JSON schemas. Registered before the routes: @fastify/swagger collects them as they are added.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { PARLEY_VERSION } from '../version.js';

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley HTTP API',
        version: PARLEY_VERSION,
        description: 'Rasa-compatible HTTP API, channels and the Parley state API. Auth: `?token=` or `Authorization: Bearer <JWT>` when configured.',
      },
      components: {
        securitySchemes: {
          token: { type: 'apiKey', in: 'query', name: 'token' },
          jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: false } });
}
