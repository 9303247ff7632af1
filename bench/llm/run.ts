// bench/llm: turn latency with the LLM intent check on vs off, in the same process and run.
// The order-zh bot is trained in memory; N concurrent conversations drive MessageProcessors
// directly (no HTTP server, no store), so the difference is the check alone. The LLM is the
// OpenAI-compatible stub answering after a fixed delay; one message in five is low-confidence.
//
// Each conversation waits --think-ms between its messages, so the offered load stays below CPU
// saturation and both variants see the same traffic (a closed loop without think time would let
// the LLM's waiting relieve the CPU and flatter the LLM-on numbers).
//
//   npx tsx bench/llm/run.ts [--users 20] [--think-ms 50] [--seconds 10] [--rounds 3] [--llm-ms 100]
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseData } from '../../src/core/index.js';
import { Tracker, slotInitialValues } from '../../src/core/index.js';
import { ActionRegistry } from '../../src/dialogue/actions/action-registry.js';
import { MessageProcessor } from '../../src/dialogue/processor/message-processor.js';
import { createLlm, parseLlmConfig, withLlmIntentCheck } from '../../src/llm/index.js';
import { modelFromArchive, type LoadedModel } from '../../src/loaded-model.js';
import { loadProject } from '../../src/project/index.js';
import { trainProject } from '../../src/training.js';

const { values } = parseArgs({ options: {
  users: { type: 'string', default: '20' }, 'think-ms': { type: 'string', default: '50' }, seconds: { type: 'string', default: '10' },
  rounds: { type: 'string', default: '3' }, 'llm-ms': { type: 'string', default: '100' },
  project: { type: 'string', default: 'examples/order-zh' },
} });
const users = Number(values.users);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const llmMs = Number(values['llm-ms']);
const thinkMs = Number(values['think-ms']);

// four form turns, then one message the classifier is unsure about (< 0.7): 20 % of the traffic
const SCRIPT = ['你好', '我要两份牛肉套餐', '13812345678', '北京市海淀区中关村大街1号'];
// phrasings the bot was not trained on; the ones the trained model is unsure about (< 0.7) are used
const ODD = ['饿死了', '能便宜点吗', '多少钱', '也行吧', '我不知道', '换一个', '快点', '你们家好吃吗', '嗯那就这样吧', '好像不太对', '天气不错', '来点啥'];
const UNSURE: string[] = [];

interface Row { target: string; tps: number; p50: number; p99: number; lowP50: number; lowP99: number; low: number }
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The stub in a child process: a fast LLM that picks the classifier's first candidate. */
async function startStubProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(join(import.meta.dirname, 'stub-process.ts'), [String(llmMs)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`stub process exited ${code}`)));
  });
  return { url, child };
}

function processorFor(model: LoadedModel, parse: (text: string, o: { messageId?: string }) => Promise<ParseData>): MessageProcessor {
  return new MessageProcessor({ domain: model.domain, policies: model.policies, actions: new ActionRegistry({ domain: model.domain }), parse });
}

interface Load { turns: number; lat: number[]; lowLat: number[] }

async function load(processor: MessageProcessor, model: LoadedModel, tag: string, secs: number): Promise<Load> {
  const lat: number[] = [];
  const lowLat: number[] = [];
  const deadline = performance.now() + secs * 1000;
  const initial = slotInitialValues(model.domain);
  const user = async (u: number): Promise<void> => {
    for (let c = 0; performance.now() < deadline; c++) {
      const tracker = Tracker.empty(`${tag}-${u}-${c}`, initial);
      for (const text of [...SCRIPT, UNSURE[(u + c) % UNSURE.length] as string]) {
        const t0 = performance.now();
        await processor.handleMessage(tracker, { text });
        const ms = performance.now() - t0;
        lat.push(ms);
        if (UNSURE.includes(text)) lowLat.push(ms);
        await new Promise((r) => setTimeout(r, thinkMs));
      }
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  return { turns: lat.length, lat, lowLat };
}

const trainStart = performance.now();
const model = modelFromArchive(await trainProject(await loadProject(values.project)), 'in-memory');
console.log(`trained ${values.project} in ${((performance.now() - trainStart) / 1000).toFixed(1)} s`);
for (const text of ODD) if (((await model.nlu.parse(text)).intent?.confidence ?? 0) < 0.7) UNSURE.push(text);
if (UNSURE.length === 0) throw new Error('the trained model is confident about every candidate message; add phrasings to ODD');
const stub = await startStubProcess();
// the cache is off so every unsure message pays the LLM round trip
const llm = createLlm(parseLlmConfig({ enabled: true, baseUrl: stub.url, apiKey: 'bench', intentCheck: { cacheTtlSeconds: 0 } }, {}));
if (!llm?.intentCheck) throw new Error('LLM check expected');
const ctx = { examples: {}, intents: model.domain.intents.map((i) => i.name), sensitiveEntities: ['phone'] };
const off = processorFor(model, (t, o) => model.nlu.parse(t, o));
const on = processorFor(model, withLlmIntentCheck((t: string, o: { messageId?: string }) => model.nlu.parse(t, o), llm.intentCheck, ctx));
try {
  await load(off, model, 'warm-off', 2);
  await load(on, model, 'warm-on', 2);
  const rows: Row[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [target, p] of [['llm-off', off], ['llm-on', on]] as const) {
      const res = await load(p, model, `${target}-${r}`, seconds);
      const all = [...res.lat].sort((a, b) => a - b);
      const lows = [...res.lowLat].sort((a, b) => a - b);
      rows.push({
        target, tps: res.turns / seconds, p50: percentile(all, 50), p99: percentile(all, 99),
        lowP50: percentile(lows, 50), lowP99: percentile(lows, 99), low: lows.length / res.turns,
      });
      const x = rows.at(-1) as Row;
      console.log(`${target}: ${x.tps.toFixed(0)} turns/s p50 ${x.p50.toFixed(2)} ms p99 ${x.p99.toFixed(2)} ms | unsure turns p50 ${x.lowP50.toFixed(2)} p99 ${x.lowP99.toFixed(2)} ms (${(x.low * 100).toFixed(0)} %)`);
    }
  }
  const med = (t: string, k: keyof Omit<Row, 'target'>): number => median(rows.filter((x) => x.target === t).map((x) => x[k]));
  const s = llm.stats();
  const table = [
    `# bench/llm — ${new Date().toISOString()}`, '',
    `${users} concurrent conversations in one process, ${thinkMs} ms between a conversation's messages, ${seconds} s per round, ${rounds} rounds alternating, medians over rounds.`,
    `order-zh trained in memory; MessageProcessor turns (no HTTP, no store). Script: ${SCRIPT.join(' → ')} → one unsure message (${UNSURE.join(' / ')}, top confidence < 0.7): 20 % low-confidence traffic.`,
    `LLM: the OpenAI-compatible stub in a child process over HTTP, answering in ${llmMs} ms, through the production client + guard (timeout 1500 ms, breaker 5), intent cache off.`, '',
    '| target | turns/s | p50 ms | p99 ms | unsure turns p50 ms | unsure turns p99 ms | unsure share |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...['llm-off', 'llm-on'].map((t) => `| ${t} | ${med(t, 'tps').toFixed(0)} | ${med(t, 'p50').toFixed(2)} | ${med(t, 'p99').toFixed(2)} | ${med(t, 'lowP50').toFixed(2)} | ${med(t, 'lowP99').toFixed(2)} | ${(med(t, 'low') * 100).toFixed(0)} % |`),
    '', `LLM calls ${s.model.calls}, timeouts ${s.model.timeouts}, failures ${s.model.failures}, breaker ${s.model.breaker}; checks ${s.intent_check.checks}, agreements ${s.intent_check.agreements}, overrides ${s.intent_check.overrides}.`,
  ].join('\n');
  console.log(`\n${table}`);
  writeFileSync(join(import.meta.dirname, '../results/llm.md'), `${table}\n`);
} finally {
  stub.child.kill('SIGTERM');
}
