// A closed-loop load generator: N virtual users, each playing a scripted conversation with
// fresh sender ids, for a bounded time, on one keep-alive connection pool.
import http from 'node:http';

export interface LoadResult { turns: number; errors: number; seconds: number; latenciesMs: number[] }

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/webhooks/rest/webhook', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { data += c; });
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

export async function runLoad(opts: { port: number; users: number; seconds: number; script: string[]; tag: string }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.users });
  const latenciesMs: number[] = [];
  let errors = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const started = performance.now();
  async function user(u: number): Promise<void> {
    for (let round = 0; performance.now() < deadline; round++) {
      const sender = `${opts.tag}-${u}-${round}`;
      for (const message of opts.script) {
        if (performance.now() >= deadline) return;
        const t0 = performance.now();
        try {
          const res = await post(agent, opts.port, JSON.stringify({ sender, message }));
          if (res.status !== 200 || !res.body.startsWith('[')) errors++;
          else latenciesMs.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: opts.users }, (_, u) => user(u)));
  agent.destroy();
  return { turns: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
