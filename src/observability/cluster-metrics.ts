// Metrics across node:cluster workers. Workers share the API port, so a scrape lands on any one
// of them; to show every worker's counts, a worker's /metrics asks the primary, which collects
// every worker's registry with prom-client's AggregatorRegistry (counters and histograms summed,
// the breaker gauge maxed) and answers over the cluster IPC channel.
import cluster, { type Worker } from 'node:cluster';
import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';
import type { ParleyMetrics } from './metrics.js';

const REQUEST = 'parley:metrics:request';
const RESPONSE = 'parley:metrics:response';

interface MetricsRequest { type: typeof REQUEST; id: number }
interface MetricsResponse { type: typeof RESPONSE; id: number; text?: string; error?: string }

const isRequest = (m: unknown): m is MetricsRequest => (m as Partial<MetricsRequest> | null)?.type === REQUEST;
const isResponse = (m: unknown): m is MetricsResponse => (m as Partial<MetricsResponse> | null)?.type === RESPONSE;

export interface ClusterMetricsPrimary {
  readonly contentType: string;
  /** every connected worker's metrics, aggregated */
  exposition(): Promise<string>;
  /** stops answering workers */
  stop(): void;
}

/** Call once in the primary, before forking. */
export function startClusterMetricsPrimary(): ClusterMetricsPrimary {
  const aggregator = new AggregatorRegistry();
  const onMessage = (worker: Worker, message: unknown): void => {
    if (!isRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) => { worker.send({ type: RESPONSE, id: message.id, text } satisfies MetricsResponse); },
      (err: unknown) => { worker.send({ type: RESPONSE, id: message.id, error: String((err as Error).message) } satisfies MetricsResponse); },
    );
  };
  cluster.on('message', onMessage);
  return {
    contentType: aggregator.contentType,
    exposition: () => aggregator.clusterMetrics(),
    stop: () => { cluster.off('message', onMessage); },
  };
}

export interface ClusterWorkerMetricsOptions {
  /** how long /metrics waits for the primary before serving this worker's own metrics; default 3000 */
  timeoutMs?: number;
}

let nextRequestId = 0;

function askPrimary(timeoutMs: number): Promise<string> {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    const done = (): void => { clearTimeout(timer); process.off('message', onMessage); };
    const onMessage = (message: unknown): void => {
      if (!isResponse(message) || message.id !== id) return;
      done();
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'no metrics from the primary'));
    };
    const timer = setTimeout(() => { done(); reject(new Error('the primary did not answer the metrics request')); }, timeoutMs);
    process.on('message', onMessage);
    process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
  });
}

/**
 * Call once in each worker with that worker's metrics. Returns the same metrics whose
 * `exposition()` is cluster-wide (this worker's own text if the primary does not answer).
 */
export function clusterWorkerMetrics(metrics: ParleyMetrics, opts: ClusterWorkerMetricsOptions = {}): ParleyMetrics {
  if (!cluster.isWorker) return metrics;
  // prom-client answers the primary with the registries set here; constructing an
  // AggregatorRegistry installs that answer (its listener is process-wide and idempotent).
  AggregatorRegistry.setRegistries([metrics.registry]);
  new AggregatorRegistry();
  const timeoutMs = opts.timeoutMs ?? 3000;
  return {
    ...metrics,
    contentType: metrics.contentType,
    exposition: () => askPrimary(timeoutMs).catch(() => metrics.registry.metrics()),
  };
}

export interface ClusterMetricsServerOptions {
  port: number;
  host?: string;
  /** when set, scrapes must pass `?token=` or `Authorization: Bearer` with it */
  authToken?: string;
}

function authorized(url: URL, header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = url.searchParams.get('token') ?? /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Optional: a separate port in the primary serving the aggregated `/metrics` (for scrapers that bypass the API). */
export async function createClusterMetricsServer(primary: ClusterMetricsPrimary, opts: ClusterMetricsServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== '/metrics') { res.writeHead(404).end(); return; }
    if (!authorized(url, req.headers.authorization, opts.authToken)) { res.writeHead(401).end(); return; }
    primary.exposition().then(
      (text) => { res.writeHead(200, { 'content-type': primary.contentType }).end(text); },
      () => { res.writeHead(503).end(); },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => { server.off('error', reject); resolve(); });
  });
  return server;
}
