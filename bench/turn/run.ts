// bench/turn: N concurrent conversations (default 200) drive the order-zh bot through the
// REST webhook of a real `parley run` on the memory store, alternating with a bare Fastify
// route measured in the same run. Prints turns/s, p50/p99 and errors (medians over rounds)
// and the ratio to the bare route; writes bench/results/turn.md.
//
//   npx tsx bench/turn/run.ts [--users 200] [--seconds 15] [--rounds 3] [--project examples/order-zh]
//                             [--workers 1,2] [--shared]
// --shared runs Parley on PostgreSQL + Redis (lock, snapshot cache) instead of the memory store;
// --workers takes a list and measures each worker count in the same run (needs --shared above 1).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readYamlMapping } from '../../src/cli/endpoint-files.js';
import { actionsModule } from '../../src/cli/runtime-config.js';
import { percentile, runLoad, type LoadResult } from './load.js';

const { values } = parseArgs({ options: {
  users: { type: 'string', default: '200' }, seconds: { type: 'string', default: '15' },
  rounds: { type: 'string', default: '3' }, project: { type: 'string', default: 'examples/order-zh' },
  workers: { type: 'string', default: '1' }, shared: { type: 'boolean', default: false },
} });
const workerCounts = values.workers.split(',').map(Number);
if (workerCounts.some((w) => w > 1) && !values.shared) throw new Error('--workers above 1 needs --shared (PostgreSQL + Redis)');
const users = Number(values.users);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const script = ['你好', '我要两份牛肉套餐', '13812345678', '北京市海淀区中关村大街1号', '谢谢', '再见'];
const cli = join(import.meta.dirname, '../../bin/parley.js');

async function waitForHttp(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on port ${port} did not come up`);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

interface Row { target: string; tps: number; p50: number; p99: number; errors: number }
const summarize = (target: string, r: LoadResult): Row => {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return { target, tps: r.turns / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors: r.errors };
};
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] as number; };

const models = mkdtempSync(join(tmpdir(), 'parley-bench-'));
await run(process.execPath, [cli, 'train', '--project', values.project, '--out', models, '--quiet']);
const schema = `parley_bench_${process.pid}`;
const endpoints = join(models, 'endpoints.yml');
// the bench writes its own endpoints.yml: the project's in-process actions come with --actions
const { actionsModule: projectActions } = actionsModule({}, readYamlMapping(join(values.project, 'endpoints.yml'))?.['parley'] as Record<string, unknown> | undefined, values.project);
writeFileSync(endpoints, values.shared ? [
  'tracker_store:', '  type: sql', '  dialect: postgresql', '  url: 127.0.0.1', '  db: test', '  username: postgres', `  schema: ${schema}`,
  'lock_store:', '  type: redis', '  url: 127.0.0.1', `  key_prefix: "bench-${process.pid}:lock:"`,
  'parley:', '  cache:', '    type: redis', '    url: 127.0.0.1', `    key_prefix: "bench-${process.pid}:cache:"`, '',
].join('\n') : '{}\n');
const barePort = 5906;
const bare: ChildProcess = fork(join(import.meta.dirname, 'bare-server.ts'), [String(barePort)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const targets = workerCounts.map((w, i) => ({ name: values.shared ? `parley-shared-w${w}` : `parley-w${w}`, workers: w, port: 5910 + i }));
const servers: ChildProcess[] = [];
try {
  await waitForHttp(barePort);
  await runLoad({ port: barePort, users: 20, seconds: 2, script, tag: 'warm' });
  const rows: Row[] = [];
  for (const t of targets) {
    // one Parley at a time, so the targets do not compete for the two cores
    const server = spawn(process.execPath, [cli, 'run', '--project', values.project, '--model', models, '--endpoints', endpoints,
      ...(values.shared ? [] : ['--store', 'memory']), '--workers', String(t.workers), ...(projectActions ? ['--actions', projectActions] : []),
      '--port', String(t.port), '--host', '127.0.0.1', '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
    servers.push(server);
    await waitForHttp(t.port);
    await runLoad({ port: t.port, users: 20, seconds: 2, script, tag: `warm-${t.name}` });
    for (let i = 0; i < rounds; i++) {
      rows.push(summarize('bare', await runLoad({ port: barePort, users, seconds, script, tag: `b-${t.name}-${i}` })));
      rows.push(summarize(t.name, await runLoad({ port: t.port, users, seconds, script, tag: `p-${t.name}-${i}` })));
      console.log(rows.slice(-2).map((r) => `${r.target}: ${r.tps.toFixed(0)} turns/s p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms errors ${r.errors}`).join(' | '));
    }
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  const med = (t: string, k: keyof Omit<Row, 'target'>) => median(rows.filter((r) => r.target === t).map((r) => r[k]));
  const names = ['bare', ...targets.map((t) => t.name)];
  const table = [
    `# bench/turn — ${new Date().toISOString()}`, '',
    `${users} concurrent conversations, ${seconds} s per round, ${rounds} rounds alternating with the bare route, medians over rounds.`,
    `Script per conversation: ${script.join(' → ')} (order-zh bot, ${values.shared ? 'PostgreSQL + Redis lock + Redis snapshot cache' : 'memory store'}, REST webhook).`, '',
    '| target | turns/s | p50 ms | p99 ms | errors | throughput / bare |', '| --- | --- | --- | --- | --- | --- |',
    ...names.map((t) => `| ${t} | ${med(t, 'tps').toFixed(0)} | ${med(t, 'p50').toFixed(1)} | ${med(t, 'p99').toFixed(1)} | ${med(t, 'errors')} | ${(med(t, 'tps') / med('bare', 'tps')).toFixed(3)} |`),
  ].join('\n');
  console.log(`\n${table}`);
  writeFileSync(join(import.meta.dirname, `../results/turn${values.shared ? '-shared' : ''}.md`), `${table}\n`);
} finally {
  for (const s of servers) s.kill('SIGTERM');
  bare.kill('SIGTERM');
}
