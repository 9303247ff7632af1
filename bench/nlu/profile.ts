// Loads a persisted model and times single-utterance parses of a split, for profiling:
//   npx tsx bench/nlu/profile.ts --model /tmp/snips.json --dir /work/shared/data/snips-goo [--split val]
//     [--rounds 5] [--dump out.json] [--cpu-prof timed-rounds.cpuprofile]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { emptyDomain } from '../../src/core/index.js';
import { loadNlu, type NluModelData } from '../../src/nlu/index.js';
import { readJsonl } from './dataset.js';

const { values } = parseArgs({ options: {
  model: { type: 'string' }, dir: { type: 'string' }, split: { type: 'string', default: 'val' },
  rounds: { type: 'string', default: '5' }, dump: { type: 'string' }, 'cpu-prof': { type: 'string' },
} });
// --cpu-prof out.cpuprofile: V8's profile of the timed rounds only (not the load and the warm-up)
const session = values['cpu-prof'] ? new Session() : undefined;
const post = (method: string, params: object = {}): Promise<unknown> => new Promise((resolve, reject) => {
  session?.post(method, params, (error, result) => { if (error) reject(error); else resolve(result); });
});
const model = loadNlu(JSON.parse(readFileSync(values.model ?? '', 'utf8')) as NluModelData, emptyDomain());
const texts = readJsonl(join(values.dir ?? '', `${values.split ?? 'val'}.jsonl`)).map((r) => r.text);
for (const t of texts.slice(0, 200)) await model.parse(t);
(globalThis as { gc?: () => void }).gc?.();
// GC pauses seen while timing: were the slowest parses the ones a collection landed in?
const gcs: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
}
const q = (s: number[], p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
for (let r = 0; r < Number(values.rounds); r++) {
  const times: number[] = [];
  const spans: { start: number; end: number }[] = [];
  const cpu0 = process.cpuUsage();
  for (const t of texts) {
    const t0 = performance.now();
    await model.parse(t);
    const t1 = performance.now();
    times.push(t1 - t0);
    spans.push({ start: t0, end: t1 });
  }
  const cpu = process.cpuUsage(cpu0);
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer deliver this round's GC entries
  const slow = spans.map((s, i) => ({ ...s, ms: times[i] as number })).sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(texts.length / 100));
  const from = (spans[0] as { start: number }).start;
  const round = gcs.filter((g) => g.end > from);
  const withGc = slow.filter((s) => round.some((g) => g.start < s.end && g.end > s.start)).length;
  const gcMs = round.reduce((n, g) => n + g.end - g.start, 0);
  times.sort((a, b) => a - b);
  console.log(`round ${r}: cpu/parse=${((cpu.user + cpu.system) / 1000 / texts.length).toFixed(4)} n=${times.length} p50=${q(times, 0.5).toFixed(4)} p90=${q(times, 0.9).toFixed(4)} p99=${q(times, 0.99).toFixed(4)} max=${q(times, 1).toFixed(3)} gc=${round.length} (${gcMs.toFixed(1)} ms) slowest 1%: ${withGc}/${slow.length} overlap a GC`);
}
if (session) {
  const { profile } = await post('Profiler.stop') as { profile: unknown };
  writeFileSync(values['cpu-prof'] ?? '', JSON.stringify(profile));
}
if (values.dump) {
  const out = [];
  for (const t of texts) out.push(await model.parse(t));
  writeFileSync(values.dump, JSON.stringify(out));
}
