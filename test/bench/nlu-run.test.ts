// bench/nlu/run.ts on sets we have not seen: its options, where its table goes, what the scores count.
import { describe, expect, it } from 'vitest';
import { accuracy, macroF1, perIntent, type Prediction } from '../../bench/nlu/metrics.js';
import { checkOptions, checkSetNames, outputFile } from '../../bench/nlu/options.js';
import { HEADER, latencyRatios, markdownReport, markdownTable, row, setWarnings, worstIntents } from '../../bench/nlu/report.js';
import { medianProbe, probeInRounds } from '../../bench/nlu/probes.js';
import type { ProbeResult } from '../../bench/nlu/server-probe.js';
import type { WorkerResult } from '../../bench/nlu/worker.js';

const p = (gold: string, predicted: string): Prediction => ({ gold, predicted, confidence: 0.9 });

describe('bench/nlu run', () => {
  it('writes bench/results/nlu.md only for the reference run on the shared sets', () => {
    const shared = ['clinc150', 'snips-goo', 'cais', 'smp2017'].map((s) => `/data/${s}`);
    const out = (dirs: string[], o: { out?: string; split?: string; tuned?: boolean; perIntent?: string } = {}): string =>
      outputFile(dirs, { split: o.split ?? 'test', tuned: o.tuned ?? false, ...(o.out ? { out: o.out } : {}), ...(o.perIntent ? { perIntent: o.perIntent } : {}) }, '/r', '/data');
    expect(out(shared)).toBe('/r/nlu.md');
    expect(out(['/tmp/atis', '/tmp/banking77'])).toBe('/r/nlu-runs/atis+banking77.md');
    // a reviewer's own copy named like a shared set does not replace the shared table
    expect(out(['/elsewhere/cais'])).toBe('/r/nlu-runs/cais.md');
    expect(out(['/data/cais'])).toBe('/r/nlu-runs/cais.md');
    expect(out(shared, { split: 'val' })).toBe('/r/nlu-runs/clinc150+snips-goo+cais+smp2017-val.md');
    expect(out(shared, { tuned: true })).not.toBe('/r/nlu.md');
    // a few-shot run is not the reference run either, and says its K in the name
    expect(out(shared, { perIntent: '10' })).toBe('/r/nlu-runs/clinc150+snips-goo+cais+smp2017-k10.md');
    expect(out(['/tmp/atis'], { perIntent: '5', split: 'val' })).toBe('/r/nlu-runs/atis-k5-val.md');
    expect(out(['/tmp/a b|c'])).toBe('/r/nlu-runs/a_b_c.md');
    expect(out(['/tmp/atis'], { out: '/x/atis.md' })).toBe('/x/atis.md');
  });

  it('refuses a bad option before training', () => {
    expect(() => checkOptions({ split: 'dev' })).toThrow(/--split dev: expected test or val/);
    expect(() => checkOptions({ 'max-train': '1k' })).toThrow(/--max-train 1k/);
    expect(() => checkOptions({ 'per-intent': '0' })).toThrow(/--per-intent 0: expected a positive integer/);
    expect(() => checkOptions({ 'per-intent': '10' })).not.toThrow();
    expect(() => checkOptions({ diet: '{epochs: 5}' })).toThrow(/--diet/);
    expect(() => checkOptions({ split: 'val', 'max-train': '500', diet: '{"epochs":5}' })).not.toThrow();
    expect(() => checkSetNames(['/a/atis', '/b/atis'])).toThrow(/two sets named atis \(\/a\/atis, \/b\/atis\)/);
    expect(() => checkSetNames(['/a/atis', '/a/atis/', '/a/snips'])).not.toThrow();
  });

  it('scores an ATIS multi-intent label as one class, by exact match', () => {
    const ps = [p('atis_flight+atis_airfare', 'atis_flight+atis_airfare'), p('atis_flight+atis_airfare', 'atis_flight'), p('atis_flight', 'atis_flight'), p('atis.city', 'atis.city')];
    expect(accuracy(ps)).toBe(0.75);
    // classes: the combined label (F1 2/3), atis_flight (F1 2/3), atis.city (1)
    expect(macroF1(ps)).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
    expect(perIntent(ps)).toEqual([
      { intent: 'atis_flight+atis_airfare', gold: 2, predicted: 1, f1: 2 / 3 },
      { intent: 'atis_flight', gold: 1, predicted: 2, f1: 2 / 3 },
      { intent: 'atis.city', gold: 1, predicted: 1, f1: 1 },
    ]);
    // an intent seen only in test: an error, and a class with F1 0
    expect(macroF1([p('a', 'a'), p('unseen', 'a')])).toBeCloseTo((2 / 3 + 0) / 2);
    expect(perIntent([p('a', 'a'), p('unseen', 'a')])[0]).toEqual({ intent: 'unseen', gold: 1, predicted: 0, f1: 0 });
  });

  it('keeps a set name with a pipe in its cell, and lists the weakest intents of each run', () => {
    expect(markdownTable([['a|b', 'Parley']]).split('\n')[2]).toBe('| a\\|b | Parley |');
    const run = { set: 'atis', system: 'parley', perIntent: perIntent([p('atis_flight+atis_airfare', 'atis_flight'), p('atis_flight', 'atis_flight')]) } as WorkerResult;
    expect(worstIntents([run], 1)).toContain('- atis · Parley (2 intents): `atis_flight+atis_airfare` 0.0 (1 gold / 0 predicted)');
    expect(worstIntents([{ ...run, perIntent: undefined }])).toBe('');
    // the set's warnings, once for all its systems
    const warned = { ...run, warnings: ['1 test example(s) of 1 intent(s) absent from train'] };
    expect(setWarnings([warned, { ...warned, system: 'nlpjs' }])).toBe('## Data warnings\n\n- atis: 1 test example(s) of 1 intent(s) absent from train\n');
  });

  it('gives the p50 of each Parley system over that of nlp.js on the same set, and nothing without nlp.js', () => {
    const r = (set: string, system: WorkerResult['system'], p50Ms: number): WorkerResult => ({ set, system, p50Ms }) as WorkerResult;
    const rows = [r('snips', 'parley', 0.092), r('snips', 'nlpjs', 0.058), r('cais', 'parley', 0.036), r('cais', 'nlpjs', 0.047), r('atis', 'parley', 0.05)];
    expect(latencyRatios(rows)).toBe('## p50 against nlp.js (same run)\n\n- snips · Parley: 1.59 (0.092 vs 0.058 ms), slower\n- cais · Parley: 0.77 (0.036 vs 0.047 ms)\n');
    expect(latencyRatios([r('atis', 'parley', 0.05)])).toBe('');
  });

  it('gives each round\'s ratio when the systems were probed in rounds', () => {
    const probe = (p50Ms: number) => ({ p50Ms }) as ProbeResult;
    const r = (system: WorkerResult['system'], p50s: number[]): WorkerResult => ({ set: 'snips', system, p50Ms: medianProbe(p50s.map(probe)).p50Ms, probes: p50s.map(probe) }) as WorkerResult;
    expect(latencyRatios([r('parley', [0.06, 0.09, 0.05]), r('nlpjs', [0.04, 0.05, 0.05])])).toBe(
      '## p50 against nlp.js (same run)\n\n- snips · Parley: 1.20 (0.060 vs 0.050 ms; by round 1.50, 1.80, 1.00), slower\n');
  });

  it('takes each probe figure\'s median, and rotates the systems\' order from round to round', async () => {
    const p = (p50Ms: number, coldLoadMs: number, jieba?: number): ProbeResult => ({
      baseRssMb: 40, rssMb: 100 + p50Ms, maxRssMb: 120, coldLoadMs, coldLoadCpuMs: coldLoadMs / 2, p50Ms, p99Ms: 3 * p50Ms,
      passes: [{ p50Ms, p99Ms: 3 * p50Ms }], ...(jieba === undefined ? {} : { jiebaDictionaryMs: jieba }),
    });
    const m = medianProbe([p(0.09, 50, 20), p(0.05, 70, 30), p(0.06, 60, 10)]);
    expect(m).toMatchObject({ p50Ms: 0.06, p99Ms: 0.18, coldLoadMs: 60, coldLoadCpuMs: 30, rssMb: 100.06, jiebaDictionaryMs: 20, passes: [{ p50Ms: 0.06, p99Ms: 0.18 }] });
    expect(medianProbe([p(0.04, 10), p(0.06, 30)])).toMatchObject({ p50Ms: 0.05, coldLoadMs: 20 });
    expect(medianProbe([p(0.04, 10)])).not.toHaveProperty('jiebaDictionaryMs');

    const order: string[] = [];
    const files = (['parley', 'parley-vectors', 'nlpjs'] as const).map((system) => ({ system, language: 'en' as const, model: system, texts: '', archiveBytes: null }));
    const bySystem = await probeInRounds(files, 3, (f) => { order.push(f.system); return Promise.resolve(p(order.length, 1)); });
    expect(order).toEqual(['parley', 'parley-vectors', 'nlpjs', 'parley-vectors', 'nlpjs', 'parley', 'nlpjs', 'parley', 'parley-vectors']);
    expect(bySystem.map((ps) => ps.map((x) => x.p50Ms))).toEqual([[1, 6, 8], [2, 4, 9], [3, 5, 7]]);
  });

  it('puts the noisy-text accuracy beside the clean one', () => {
    const cells = row({ set: 'smp2017', system: 'parley', accuracy: 0.882, noisyAccuracy: 0.874, macroF1: 0.856, slotF1: null, ece: 0.061, oos: null } as WorkerResult);
    expect(HEADER.slice(2, 4)).toEqual(['intent acc %', 'noisy intent acc %']);
    expect(cells.slice(2, 4)).toEqual(['88.2', '87.4']);
  });

  it('says what the optional rows are only when the run has them', () => {
    const base = { set: 'smp2017', language: 'zh', accuracy: 0.9, noisyAccuracy: 0.88, macroF1: 0.87, slotF1: null, ece: 0.06, oos: null, perIntent: [], warnings: [], p50Ms: 0.02, p99Ms: 0.05 };
    const meta = { date: '2026-12-03', cpus: 2, node: 'v20', split: 'test', load: '1' };
    const plain = markdownReport([{ ...base, system: 'parley' } as unknown as WorkerResult], meta);
    const withVectors = markdownReport([{ ...base, system: 'parley' }, { ...base, system: 'parley-vectors' }] as unknown as WorkerResult[], meta);
    expect(plain).not.toContain('"(optional)"');
    expect(withVectors).toContain('Rows marked "(optional)" are Parley with the optional `WordVectorFeaturizer`');
    expect(withVectors).toContain('its server runs without the vectors installed');
  });
});
