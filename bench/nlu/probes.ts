// The latency probes of a set's systems, run by run.ts after every system of the set has trained:
// fresh processes (server-probe.ts) in rounds, the systems' order rotating, so that each system is
// timed beside the others at nearly the same moment. This machine is shared: a probe process can
// run 1.5× slower than the one before it for minutes (another tenant, which vCPU it lands on), so a
// single probe per system, minutes apart, compared noise as often as code.
import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyDomain } from '../../src/core/index.js';
import { POLICIES_FORMAT } from '../../src/dialogue/policies/index.js';
import { MODEL_FORMAT_VERSION, writeModelArchive } from '../../src/model-archive.js';
import type { NluModelData } from '../../src/nlu/index.js';
import { PARLEY_VERSION } from '../../src/version.js';
import type { ProbeResult } from './server-probe.js';
import type { SystemName } from './systems.js';

/** Probe processes per system and set: the reported figures are their medians. */
export const PROBE_ROUNDS = 3;

/** What a probe loads: a model archive for Parley, nlp.js's export for nlp.js (no archive). */
export interface ProbeFiles { system: SystemName; language: 'zh' | 'en'; model: string; texts: string; archiveBytes: number | null }

/** A model archive as `parley train` writes it, around the bench's NLU model (no domain, no policies). */
function writeArchive(dir: string, nlu: NluModelData): Promise<string> {
  return writeModelArchive(dir, {
    format_version: MODEL_FORMAT_VERSION, parley_version: PARLEY_VERSION, trained_at: new Date().toISOString(),
    fingerprint: nlu.fingerprint, model_id: 'bench', language: nlu.language, domain: emptyDomain(),
    config: { language: nlu.language, pipeline: nlu.config.pipeline, policies: [] },
    nlu, policies: { format: POLICIES_FORMAT, policies: [], warnings: [] },
  }, { fixedName: 'bench' });
}

export async function writeProbeFiles(dir: string, system: SystemName, language: 'zh' | 'en', persisted: unknown, texts: readonly string[]): Promise<ProbeFiles> {
  mkdirSync(dir, { recursive: true });
  const isNlpjs = system === 'nlpjs';
  const model = isNlpjs ? join(dir, 'nlpjs.json') : await writeArchive(dir, persisted as NluModelData);
  if (isNlpjs) writeFileSync(model, persisted as string);
  writeFileSync(join(dir, 'texts.json'), JSON.stringify(texts));
  return { system, language, model, texts: join(dir, 'texts.json'), archiveBytes: isNlpjs ? null : statSync(model).size };
}

/** One probe: server-probe.ts in a fresh process. */
export async function runProbe(f: ProbeFiles): Promise<ProbeResult> {
  // tsx/esm as for the workers (run.ts): full tsx's require hook detaches a buffer loading yaml, which
  // slows every typed array of the process; a compiled `parley run` has no such hook
  const args = ['--import', 'tsx/esm', join(import.meta.dirname, 'server-probe.ts'), '--model', f.model, '--texts', f.texts,
    ...(f.system === 'nlpjs' ? ['--system', 'nlpjs', '--language', f.language] : [])];
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
  // the last line: nlp.js prints progress ("Compiling dictionary") to stdout as it loads
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as ProbeResult;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The probes of one system as one result: each figure's median (passes: those of the probe with the median p50). */
export function medianProbe(probes: readonly ProbeResult[]): ProbeResult {
  if (probes.length === 0) throw new Error('no probe to take the median of');
  const of = (pick: (p: ProbeResult) => number | undefined): number | undefined => {
    const xs = probes.map(pick).filter((x): x is number => x !== undefined);
    return xs.length === 0 ? undefined : median(xs);
  };
  const p50 = median(probes.map((p) => p.p50Ms));
  const closest = probes.reduce((a, b) => (Math.abs(b.p50Ms - p50) < Math.abs(a.p50Ms - p50) ? b : a));
  const jieba = of((p) => p.jiebaDictionaryMs);
  const whole = of((p) => p.jiebaWholeDictionaryMs);
  return {
    baseRssMb: of((p) => p.baseRssMb) as number, rssMb: of((p) => p.rssMb) as number, maxRssMb: of((p) => p.maxRssMb) as number,
    coldLoadMs: of((p) => p.coldLoadMs) as number, coldLoadCpuMs: of((p) => p.coldLoadCpuMs) as number,
    ...(jieba === undefined ? {} : { jiebaDictionaryMs: jieba }), ...(whole === undefined ? {} : { jiebaWholeDictionaryMs: whole }),
    p50Ms: p50, p99Ms: of((p) => p.p99Ms) as number, passes: closest.passes,
  };
}

/**
 * PROBE_ROUNDS rounds over the systems, the order rotating each round (a system is not always the one
 * timed first, or right after another's cold load); each system's probes in round order.
 */
export async function probeInRounds(files: readonly ProbeFiles[], rounds = PROBE_ROUNDS, run: (f: ProbeFiles) => Promise<ProbeResult> = runProbe): Promise<ProbeResult[][]> {
  const bySystem = files.map((): ProbeResult[] => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < files.length; k++) {
      const i = (k + r) % files.length;
      (bySystem[i] as ProbeResult[]).push(await run(files[i] as ProbeFiles));
    }
  }
  return bySystem;
}
