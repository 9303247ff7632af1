// Kubernetes-style probes, without auth: /health/live answers while the process does;
// /health/ready answers 200 only when every critical check passes and the process is not draining.
import type { FastifyInstance } from 'fastify';
import { HealthRegistry } from '../../observability/health.js';

export interface HealthRouteOptions {
  /** default: an empty registry (ready unless draining) */
  health?: HealthRegistry | undefined;
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  const health = opts.health ?? new HealthRegistry();
  app.get('/health/live', { schema: {} }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: {} }, async (_request, reply) => {
    const report = await health.readiness();
    return reply.status(report.ready ? 200 : 503).send({ status: report.status, checks: report.checks });
  });
}
