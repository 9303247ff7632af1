// `parley run`: serve the newest model over Rasa's HTTP API and the configured channels, and
// drain gracefully on SIGTERM: readiness goes false first, in-flight turns finish within the
// deadline, then stores, locks and the event broker are closed.
import cluster from 'node:cluster';
import { clusterWorkerMetrics } from '../../observability/cluster-metrics.js';
import { createMetrics } from '../../observability/metrics.js';
import { assertShareableStores, runPrimary } from '../cluster.js';
import { serveProject, type ServeFlags } from '../serve-project.js';

export interface RunFlags extends ServeFlags {
  /** ms to keep serving after readiness turns false, so load balancers stop sending (default 0) */
  drainDelayMs?: number;
  /** ms in-flight turns get to finish before the process exits anyway (default 10 s) */
  drainTimeoutMs?: number;
  /** worker processes sharing the port (node:cluster); 1 = serve in this process */
  workers?: number;
}

export async function runCommand(flags: RunFlags): Promise<void> {
  const workers = flags.workers ?? 1;
  if (workers > 1 && cluster.isPrimary) {
    assertShareableStores(flags);
    runPrimary(workers, (event, fields) => console.error(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, event, ...fields, msg: event })));
    return;
  }
  const metrics = cluster.isWorker ? clusterWorkerMetrics(createMetrics()) : createMetrics();
  const { app, config, model, logger, health } = await serveProject(flags, { metrics });
  const { host, port } = config.server;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    health.setDraining();
    logger.info({ event: 'server.draining', signal }, 'server.draining');
    const deadline = setTimeout(() => {
      logger.error({ event: 'server.drain_timeout', timeout_ms: flags.drainTimeoutMs ?? 10_000 }, 'server.drain_timeout');
      process.exit(1);
    }, (flags.drainDelayMs ?? 0) + (flags.drainTimeoutMs ?? 10_000));
    deadline.unref();
    setTimeout(() => {
      app.close().then(() => {
        logger.info({ event: 'server.stopped' }, 'server.stopped');
        process.exit(0);
      }, (err: unknown) => {
        logger.error({ event: 'server.stop_failed', err }, 'server.stop_failed');
        process.exit(1);
      });
    }, flags.drainDelayMs ?? 0);
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  const addr = app.server.address();
  const shown = addr && typeof addr === 'object' ? `http://${host}:${addr.port}` : `${host}:${port}`;
  logger.info({ event: 'server.started', url: shown, model: model.fileName, tracker_store: config.stores.trackerStore.type }, 'server.started');
  if (process.stdout.isTTY) console.log(`Parley is serving ${model.fileName} at ${shown} (Ctrl+C to stop)`);
}
