// GET /metrics (Prometheus text format, behind the API's auth: a token or an admin JWT) and an
// onResponse hook that counts and times every HTTP request by route pattern and status.
import { plainTextResponse } from '../schemas.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ParleyMetrics } from '../../observability/metrics.js';
import type { AuthHook } from './auth.js';

export interface MetricsPluginOptions {
  metrics: ParleyMetrics;
  /** the API's auth hook; undefined when the API has no auth configured */
  authHook: AuthHook | undefined;
}

// The route pattern, never the raw URL: conversation ids must not become label values.
function routeLabel(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/** Call on the root instance before routes are registered, so the hook sees every route. */
export async function installMetrics(app: FastifyInstance, opts: MetricsPluginOptions): Promise<void> {
  const { metrics, authHook } = opts;
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp({ method: request.method, route: routeLabel(request), status: reply.statusCode, seconds: reply.elapsedTime / 1000 });
  });
  await app.register(async (scope) => {
    if (authHook) scope.addHook('onRequest', authHook);
    scope.get('/metrics', { schema: { response: plainTextResponse('Prometheus metrics') } }, async (_request, reply) => {
      const text = await metrics.exposition();
      return reply.type(metrics.contentType).send(text);
    });
  });
}
