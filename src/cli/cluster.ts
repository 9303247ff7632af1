// `parley run --workers N`: a node:cluster primary forks N workers that share the port. The
// primary restarts a worker that dies, aggregates /metrics across workers, and on SIGTERM
// asks every worker to drain and exits when all have.
import cluster, { type Worker } from 'node:cluster';
import { join, resolve } from 'node:path';
import { ParleyError } from '../errors.js';
import { startClusterMetricsPrimary } from '../observability/cluster-metrics.js';
import { readYamlMapping } from './endpoint-files.js';
import { buildRuntimeConfig } from './runtime-config.js';
import type { ServeFlags } from './serve-project.js';

/** Several processes can only serve the same conversations when state and locks are shared. */
export function assertShareableStores(flags: ServeFlags): void {
  const root = resolve(flags.project);
  const config = buildRuntimeConfig({
    flags, env: process.env, projectDir: root, warn: () => undefined,
    endpoints: readYamlMapping(flags.endpoints ? resolve(flags.endpoints) : join(root, 'endpoints.yml')),
    credentials: readYamlMapping(flags.credentials ? resolve(flags.credentials) : join(root, 'credentials.yml')),
  });
  if (config.role === 'nlu') return; // NLU workers hold no conversation state
  const store = config.stores.trackerStore.type;
  const lock = config.stores.lockStore.type;
  if (store === 'memory' || store === 'embedded' || lock === 'memory') {
    throw new ParleyError('CONFIG_INVALID',
      `--workers needs a tracker store and a lock store that every worker shares (tracker_store: postgres, lock_store: redis); this configuration has tracker_store ${store} and lock_store ${lock}`);
  }
}

export function runPrimary(workers: number, log: (event: string, fields: Record<string, unknown>) => void): void {
  const metrics = startClusterMetricsPrimary();
  let stopping = false;
  let restarts = 0;
  const fork = (): Worker => cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) { metrics.stop(); process.exit(0); }
      return;
    }
    restarts++;
    const delay = Math.min(10_000, 250 * 2 ** Math.min(restarts, 6));
    log('cluster.worker_died', { pid: worker.process.pid, code, signal, restart_in_ms: delay });
    setTimeout(fork, delay).unref();
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('cluster.stopping', { signal });
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
