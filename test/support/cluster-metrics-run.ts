// Run with `node --import tsx test/support/cluster-metrics-run.ts`: a primary and two real
// node:cluster workers, each with its own ParleyMetrics. Prints one JSON line with the
// primary's aggregated scrape, a worker's cluster-wide /metrics text and the metrics server's.
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { clusterWorkerMetrics, createClusterMetricsServer, startClusterMetricsPrimary } from '../../src/observability/cluster-metrics.js';
import { createMetrics } from '../../src/observability/metrics.js';

interface Msg { type: string; text?: string }

async function primary(): Promise<void> {
  const agg = startClusterMetricsPrimary();
  const workers = [0, 1].map((i) => cluster.fork({ PARLEY_TEST_WORKER: String(i) }));
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
    w.on('message', (m: Msg) => { if (m.type === 'ready') resolve(); });
  })));
  const fromPrimary = await agg.exposition();
  const first = workers[0];
  if (!first) throw new Error('no worker');
  const fromWorker = await new Promise<string>((resolve) => {
    first.on('message', (m: Msg) => { if (m.type === 'scraped') resolve(m.text ?? ''); });
    first.send({ type: 'scrape' });
  });
  const server = await createClusterMetricsServer(agg, { port: 0, host: '127.0.0.1', authToken: 'T' });
  const { port } = server.address() as AddressInfo;
  const unauthorized = (await fetch(`http://127.0.0.1:${port}/metrics`)).status;
  const fromServer = await (await fetch(`http://127.0.0.1:${port}/metrics?token=T`)).text();
  server.close();
  agg.stop();
  for (const w of workers) w.kill();
  process.stdout.write(`${JSON.stringify({ fromPrimary, fromWorker, fromServer, unauthorized })}\n`);
}

function worker(): void {
  const index = Number(process.env['PARLEY_TEST_WORKER']);
  const metrics = clusterWorkerMetrics(createMetrics());
  for (let i = 0; i <= index; i++) metrics.countError('x');
  metrics.observeTurn({ channel: 'rest', seconds: 0.1 * (index + 1), confidence: 0.3, intent: 'greet' });
  metrics.setLlmBreakerState(index === 0 ? 'half-open' : 'open');
  process.on('message', (m: Msg) => {
    if (m.type !== 'scrape') return;
    void metrics.exposition().then((text) => process.send?.({ type: 'scraped', text }));
  });
  process.send?.({ type: 'ready' });
}

if (cluster.isPrimary) await primary();
else worker();
