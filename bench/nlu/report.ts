// The side-by-side table (console and bench/results/nlu.md), with the published numbers for reference.
import type { WorkerResult } from './worker.js';

const pct = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : (100 * x).toFixed(1));
const num = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const systemLabel = (r: Pick<WorkerResult, 'system' | 'language'>): string =>
  r.system === 'nlpjs' ? 'nlp.js'
    : r.system === 'parley' ? 'Parley'
      : r.language === 'zh' ? 'Parley + glossed word vectors (optional)' : 'Parley + word vectors + 4×128 ensemble (optional)';

export const HEADER = ['set', 'system', 'intent acc %', 'noisy intent acc %', 'macro-F1 %', 'slot F1 %', 'ECE', 'oos recall % (class / threshold)', 'train s', 'train CPU s', 'p50 ms', 'p99 ms',
  'peak RSS MB (training)', 'server RSS MB', 'model MB', 'archive MB', 'load ms', 'cold load ms', 'cold load CPU ms'];

const coldLoad = (r: WorkerResult): string => {
  const jieba = r.server?.jiebaDictionaryMs;
  const whole = r.server?.jiebaWholeDictionaryMs;
  return jieba === undefined ? num(r.server?.coldLoadMs, 0) : `${num(r.server?.coldLoadMs, 0)} (jieba dictionary ${num(jieba, 0)}; whole bundled one ${num(whole, 0)})`;
};

export function row(r: WorkerResult): string[] {
  const oos = r.oos ? `${pct(r.oos.recall)} / ${pct(r.oos.threshold.recall)} (in-scope ${pct(r.oos.threshold.inScope)} @ ${r.oos.threshold.value})` : '—';
  return [r.set, systemLabel(r), pct(r.accuracy), pct(r.noisyAccuracy), pct(r.macroF1), pct(r.slotF1), num(r.ece, 3), oos,
    num(r.trainSeconds, 1), num(r.trainCpuSeconds, 1), num(r.p50Ms, 3), num(r.p99Ms, 3), num(r.peakRssMb, 0), num(r.server?.rssMb, 0),
    mb(r.sizeBytes), r.archiveBytes === null ? '—' : mb(r.archiveBytes), num(r.loadMs, 0), coldLoad(r), num(r.server?.coldLoadCpuMs, 0)];
}

export function markdownTable(rows: readonly string[][]): string {
  // a set name (a folder name) may hold a pipe: escaped, it stays in its cell
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The lowest per-intent F1s of each run: where a new set's errors are. */
export function worstIntents(rows: readonly WorkerResult[], n = 8): string {
  const lines = rows.flatMap((r) => {
    const scores = r.perIntent ?? [];
    if (scores.length === 0) return [];
    const worst = scores.slice(0, n).map((s) => `\`${s.intent.replaceAll('`', "'")}\` ${pct(s.f1)} (${s.gold} gold / ${s.predicted} predicted)`);
    return [`- ${r.set} · ${systemLabel(r)} (${scores.length} intents): ${worst.join(' · ')}`];
  });
  return lines.length === 0 ? '' : `## Lowest per-intent F1 (%)\n\n${lines.join('\n')}\n`;
}

/**
 * Each Parley system's p50 over nlp.js's on the same set, in the same run: the issue's latency target
 * (≤ 1) read off the table, since runs on this shared machine move both systems' times. With the
 * probes' rounds, each round's ratio too (the two probes of a round ran one after the other).
 */
export function latencyRatios(rows: readonly WorkerResult[]): string {
  const lines = rows.flatMap((r) => {
    const nlpjs = rows.find((o) => o.set === r.set && o.system === 'nlpjs');
    if (r.system === 'nlpjs' || !nlpjs || !r.p50Ms || !nlpjs.p50Ms) return [];
    const ratio = r.p50Ms / nlpjs.p50Ms;
    const mine = r.probes ?? [];
    const theirs = nlpjs.probes ?? [];
    const rounds = mine.length > 1 && mine.length === theirs.length ? `; by round ${mine.map((p, i) => (p.p50Ms / (theirs[i] as typeof p).p50Ms).toFixed(2)).join(', ')}` : '';
    return [`- ${r.set} · ${systemLabel(r)}: ${ratio.toFixed(2)} (${num(r.p50Ms, 3)} vs ${num(nlpjs.p50Ms, 3)} ms${rounds})${ratio <= 1 ? '' : ', slower'}`];
  });
  return lines.length === 0 ? '' : `## p50 against nlp.js (same run)\n\n${lines.join('\n')}\n`;
}

/** The data sets' warnings, once per set. */
export function setWarnings(rows: readonly WorkerResult[]): string {
  const lines = [...new Set(rows.flatMap((r) => (r.warnings ?? []).map((w) => `- ${r.set}: ${w}`)))];
  return lines.length === 0 ? '' : `## Data warnings\n\n${lines.join('\n')}\n`;
}

export const PUBLISHED = `## Published results (from shared/data/README.md, for reference)

| set | system | metric | value |
| --- | --- | --- | --- |
| CLINC150 full, oos as a class | BERT / MLP / Rasa / Dialogflow / SVM / FastText | in-scope acc / oos recall (%) | 96.9/40.3 · 93.5/47.4 · 91.5/45.3 · 91.7/14.0 · 91.0/14.5 · 89.0/9.7 |
| CLINC150 full, oos by threshold | BERT / Rasa / Dialogflow | same | 96.2/52.3 · 90.9/31.2 · 90.8/26.7 |
| SNIPS (Goo split) | Slot-Gated / JointBERT / Stack-Prop+BERT | intent acc / slot F1 (%) | 97.0/88.8 · 98.6/97.0 · 99.0/97.0 |
| CAIS | CM-Net / Stack-Prop | intent acc / slot F1 (%) | 94.56/86.16 · 94.57/87.65 |

Targets (issue 4): CLINC150 in-scope ≥ 94.0 and oos recall ≥ 50; SNIPS-Goo ≥ 98.5 / slot F1 ≥ 94; CAIS ≥ 95 / slot F1 ≥ 89; SMP2017 ≥ 93.
`;

export function markdownReport(rows: readonly WorkerResult[], meta: { date: string; cpus: number; node: string; split: string; load: string; dirs?: readonly string[]; perIntent?: string | undefined }): string {
  const bases = rows.flatMap((r) => (r.server ? [r.server.baseRssMb] : []));
  const probeBase = bases.length > 0 ? `the probe's RSS before loading a model: ${Math.min(...bases).toFixed(0)}–${Math.max(...bases).toFixed(0)} MB` : 'not measured';
  return `# NLU benchmark: Parley vs nlp.js

Generated by \`npx tsx bench/nlu/run.ts\` on ${meta.date} (${meta.cpus} CPUs, Node ${meta.node}, 1-min load average ${meta.load}: timings depend on it); evaluated on the **${meta.split}** split${meta.dirs ? ` of ${meta.dirs.map((d) => `\`${d}\``).join(', ')}` : ''}.${meta.perIntent !== undefined ? `
**Few-shot**: every system trained on ${meta.perIntent} examples per intent (\`--per-intent ${meta.perIntent}\`: the first in SHA-1 order of their texts, the same for every system).` : ''}
Each system is trained and evaluated in its own child process (peak RSS is per system and set).${rows.some((r) => r.system === 'parley-vectors') ? `
Rows marked "(optional)" are Parley with the optional \`WordVectorFeaturizer\` (never in a default pipeline): English sets with
wink's GloVe vectors and a merged 4×128 intent ensemble, Chinese sets with vectors from \`parley vectors gloss\`; the model keeps the
vectors of its training words and of the 30,000 most frequent, so its server runs without the vectors installed.` : ''}
For CLINC150 "intent acc" is in-scope accuracy with \`oos\` trained as a class; the oos column gives oos recall with the class,
and with the threshold variant (predict oos below a confidence chosen on val + val_oos). Slot F1 is exact span + type micro F1;
nlp.js has no trained slot tagger. ECE: 15 equal-width bins over the top confidence. "noisy intent acc" is the
in-scope accuracy on the same texts as people type them (noise.ts: a filler, a dropped little word, one typo, stray
punctuation; Chinese fillers and particles), seeded per utterance so every system sees the same texts. Intent labels are whole classes
matched exactly (an ATIS multi-intent label such as \`atis_flight+atis_airfare\` is one class, as in the usual ATIS protocol);
macro-F1 averages over the labels that occur as gold or prediction, so a test intent absent from train counts with F1 0.
"train s" is wall time (stretched by whatever else the machine runs; the systems run one at a time, training included);
"train CPU s" is the training process's CPU time. "server RSS MB", "cold load ms" and "p50 ms" / "p99 ms" come
from fresh processes that load the saved model as a server would, three per system, run after every system of the set has
trained, in rounds that alternate the systems (the machine's speed drifts by up to 1.5× over minutes; the figures are the
three probes' medians, and the ratio section gives each round's ratio) (Parley: the model archive written by
\`writeModelArchive\`, opened by \`loadModel\` as \`parley run\` does; nlp.js: its exported model, imported), parses the
evaluation texts untimed, round and round to at least 3,000 parses (a server's steady state, not its first requests: \`parley run\` warms a model up the same way), then five more times one at a time,
timed: p50 and p99 are the median pass's (this machine is shared, and a pass beside another tenant's burst can take
twice as long, for either system).
Its RSS includes the tsx loader (${probeBase}). "model MB" is the model as JSON; "archive MB" the archive file (a JSON header,
then the weights and long vocabularies as raw aligned sections). "load ms" loads the model from JSON in the training process; "cold load
ms" is loading in that fresh process, wall time and CPU time; for Chinese Parley models it includes jieba building the
model's dictionary (the bundled words its training texts hold, the 50,000 most frequent, and its own), timed again on its own in brackets beside
jieba's whole bundled 349k-word dictionary, which models trained with \`bundled_dictionary: all\` load.

${markdownTable(rows.map(row))}

${[latencyRatios(rows), setWarnings(rows), worstIntents(rows)].filter((x) => x !== '').map((x) => `${x}\n`).join('')}${PUBLISHED}`;
}
