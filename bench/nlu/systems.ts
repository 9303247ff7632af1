// The two systems under test behind one small interface: Parley (trainNlu with our DIETClassifier)
// and nlp.js (NlpManager). Each is trained and queried in its own child process.
import { createRequire } from 'node:module';
import { emptyDomain, emptyNluData, type ComponentConfig, type NluTrainingData } from '../../src/core/index.js';
import { defaultCharFeaturizer, loadNlu, trainNlu } from '../../src/nlu/index.js';
import type { BenchEntity, BenchExample } from './dataset.js';

export interface Parsed { intent: string; confidence: number; entities: BenchEntity[] }

export interface TrainedSystem {
  parse(text: string): Promise<Parsed>;
  sizeBytes: number;
  /** time to load the persisted model, when the system can persist */
  loadMs: number | undefined;
  /** the persisted model (Parley's NLU data, nlp.js's export), for the server probe */
  persisted: unknown;
}

/**
 * parley-vectors: Parley with the optional word vectors (when run.ts is given --vectors for English
 * sets or --zh-vectors for Chinese ones). English: the WordVectorFeaturizer and a merged ensemble of four
 * 128-unit intent networks, the best of the options on CLINC150 val (94.5 / 94.7 in-scope on seeds 42 / 7,
 * against 93.4 / 93.6 for the defaults). Chinese: glossed vectors (`parley vectors gloss`) read with
 * split_unknown at weight 1, one network (the ensemble added nothing on SMP2017 CV or CAIS val).
 */
export type SystemName = 'parley' | 'parley-vectors' | 'nlpjs';

const OPTIONAL_ENSEMBLE = { intent_ensemble_size: 4, hidden_layers_sizes: { text: [128] } };

/** Experiment-only changes to the bench pipeline: tokenizer options, the n-gram featurizers' options, extra featurizers before DIETClassifier. */
export interface PipelineExtras {
  tokenizer?: Record<string, unknown>;
  /** the word n-gram featurizer's options; null leaves it out */
  words?: Record<string, unknown> | null;
  chars?: Record<string, unknown>;
  featurizers?: ComponentConfig[];
}

/** The extras given on a bench command line as JSON (`--tokenizer`, `--words`, `--chars`, `--featurizers`). */
export function pipelineExtrasOf(args: { tokenizer?: string | undefined; words?: string | undefined; chars?: string | undefined; featurizers?: string | undefined }): PipelineExtras {
  return {
    ...(args.tokenizer ? { tokenizer: JSON.parse(args.tokenizer) as Record<string, unknown> } : {}),
    ...(args.words ? { words: JSON.parse(args.words) as Record<string, unknown> | null } : {}),
    ...(args.chars ? { chars: JSON.parse(args.chars) as Record<string, unknown> } : {}),
    ...(args.featurizers ? { featurizers: JSON.parse(args.featurizers) as ComponentConfig[] } : {}),
  };
}

/**
 * The default pipeline's featurizers plus word bigrams (chosen on val), our DIETClassifier; `diet`
 * overrides its options; `vectors` adds the optional WordVectorFeaturizer (issue 4) with those vectors.
 */
export function parleyPipeline(language: 'zh' | 'en', diet: Record<string, unknown> = {}, vectors?: string, extras: PipelineExtras = {}): ComponentConfig[] {
  return [
    { name: language === 'zh' ? 'JiebaTokenizer' : 'WhitespaceTokenizer', ...extras.tokenizer },
    ...(extras.words === null ? [] : [{ name: 'CountVectorsFeaturizer', max_ngram: 2, ...extras.words }]),
    { ...defaultCharFeaturizer(language), ...extras.chars },
    ...(vectors === undefined ? [] : [language === 'zh' ? { name: 'WordVectorFeaturizer', vectors, split_unknown: true, weight: 1 } : { name: 'WordVectorFeaturizer', vectors }]),
    ...(extras.featurizers ?? []),
    { name: 'DIETClassifier', epochs: 40, ...diet },
  ];
}

/**
 * A benchmark label is one opaque class, but Parley reads `a/b` as the retrieval intent `a` whose
 * response key is `b` (and would predict `a`): labels holding a slash train under a stand-in name.
 */
export class BenchLabels {
  private readonly toParley = new Map<string, string>();
  private readonly fromParley = new Map<string, string>();

  constructor(labels: Iterable<string>) {
    for (const label of new Set(labels)) {
      if (!label.includes('/')) continue;
      const standIn = `${label.replaceAll('/', '_slash_')}_${this.toParley.size}`;
      this.toParley.set(label, standIn);
      this.fromParley.set(standIn, label);
    }
  }

  parley(label: string): string { return this.toParley.get(label) ?? label; }
  bench(intent: string): string { return this.fromParley.get(intent) ?? intent; }
}

function nluData(rows: readonly BenchExample[], labels: BenchLabels): NluTrainingData {
  const data = emptyNluData();
  data.examples = rows.map((r) => ({ text: r.text, intent: labels.parley(r.intent), entities: (r.entities ?? []).map((e) => ({ entity: e.entity, start: e.start, end: e.end, value: e.value })) }));
  return data;
}

async function trainParley(rows: readonly BenchExample[], language: 'zh' | 'en', diet: Record<string, unknown>, vectors: string | undefined, seed: number, extras: PipelineExtras): Promise<TrainedSystem> {
  const domain = emptyDomain();
  const labels = new BenchLabels(rows.map((r) => r.intent));
  const model = await trainNlu({ language, pipeline: parleyPipeline(language, diet, vectors, extras), policies: [] }, nluData(rows, labels), domain, { seed });
  const json = JSON.stringify(model.persist());
  const t0 = performance.now();
  const loaded = loadNlu(JSON.parse(json) as ReturnType<typeof model.persist>, domain);
  const loadMs = performance.now() - t0;
  return {
    sizeBytes: Buffer.byteLength(json),
    loadMs,
    persisted: model.persist(),
    async parse(text) {
      const p = await loaded.parse(text);
      const entities = p.entities
        .filter((e) => e.start !== undefined && e.end !== undefined)
        .map((e) => ({ entity: e.entity, start: e.start as number, end: e.end as number, value: String(e.value) }));
      return { intent: labels.bench(p.intent?.name ?? ''), confidence: p.intent?.confidence ?? 0, entities };
    },
  };
}

export interface NlpManagerLike {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(lang: string, text: string): Promise<{ intent?: string; score?: number }>;
  export(minified?: boolean): string;
  import(data: string): void;
}

/** An empty nlp.js manager for one language (train it, or import an exported model). */
export function nlpjsManager(language: 'zh' | 'en'): NlpManagerLike {
  // node-nlp ships no type declarations; load it through require with the small shape we use
  const { NlpManager } = createRequire(import.meta.url)('node-nlp') as { NlpManager: new (o: Record<string, unknown>) => NlpManagerLike };
  return new NlpManager({ languages: [language], forceNER: false, autoSave: false, autoLoad: false, nlu: { log: false } });
}

function trainNlpjs(rows: readonly BenchExample[], language: 'zh' | 'en'): Promise<TrainedSystem> {
  const manager = nlpjsManager(language);
  for (const r of rows) manager.addDocument(language, r.text, r.intent);
  // nlp.js keeps intents in plain objects: a label like `constructor` breaks its parses
  const clash = [...new Set(rows.map((r) => r.intent))].filter((i) => i in Object.prototype);
  const explain = (error: unknown): never => {
    throw clash.length === 0 ? error : new Error(`${(error as Error).message} (nlp.js cannot handle intents named ${clash.join(', ')}, like Object.prototype members: run with --skip-nlpjs)`, { cause: error });
  };
  return manager.train().catch(explain).then(() => ({
    sizeBytes: Buffer.byteLength(manager.export(true)),
    loadMs: undefined,
    persisted: manager.export(true),
    async parse(text) {
      const r = await manager.process(language, text).catch(explain);
      return { intent: r.intent ?? 'None', confidence: r.score ?? 0, entities: [] };
    },
  }));
}

export const trainSystem = (name: SystemName, rows: readonly BenchExample[], o: { language: 'zh' | 'en'; diet: Record<string, unknown>; vectors?: string | undefined; seed?: number; extras?: PipelineExtras }): Promise<TrainedSystem> =>
  name === 'nlpjs' ? trainNlpjs(rows, o.language)
    : name === 'parley-vectors' ? trainParley(rows, o.language, { ...(o.language === 'en' ? OPTIONAL_ENSEMBLE : {}), ...o.diet }, o.vectors, o.seed ?? 42, o.extras ?? {})
      : trainParley(rows, o.language, o.diet, undefined, o.seed ?? 42, o.extras ?? {});
