// Kubernetes-style probes, without auth: /health/live answers while the process does;
// /health/ready answers 200 only when every critical check passes and the process is not draining.
import type { FastifyInstance } from 'fastify';
import { HealthRegistry } from '../../observability/health.js';
import { statusOkResponse } from '../schemas.js';

export interface HealthRouteOptions {
  /** default: an empty registry (ready unless draining) */
  health?: HealthRegistry | undefined;
}

const readiness = { type: 'object', additionalProperties: true, properties: { status: { type: 'string' }, checks: { type: 'array', items: { type: 'object', additionalProperties: true } } } } as const;

export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  const health = opts.health ?? new HealthRegistry();
  app.get('/health/live', { schema: { response: statusOkResponse } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: { response: { 200: readiness, 503: readiness } } }, async (_request, reply) => {
    const report = await health.readiness();
    return reply.status(report.ready ? 200 : 503).send({ status: report.status, checks: report.checks });
  });
}
