// k-fold cross-validation: stratified folds (each intent spread evenly), train on k-1, predict the
// held-out fold, score all held-out predictions together and each fold on its own.
import type { Domain, ModelConfig, NluTrainingData } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { baseIntent } from '../classifiers/ranking.js';
import { trainNlu } from '../train-nlu.js';
import { seededRandom } from '../util/rng.js';
import { modelExtractors, predictExamples, summariseNlu } from './evaluate-nlu.js';
import type { ExamplePrediction, NluEvaluation } from './nlu-evaluation.js';

export interface FoldResult { train_size: number; test_size: number; accuracy: number; f1_score: number; precision: number }
export interface MeanStd { mean: number; std: number }

export interface CrossValidation {
  folds: FoldResult[];
  summary: { accuracy: MeanStd; f1_score: MeanStd; precision: MeanStd };
  /** every example scored once, by the model that did not see it */
  evaluation: NluEvaluation;
}

/** Fold number of each example: per intent, shuffled (seeded), then dealt round-robin. */
export function stratifiedFolds(intents: readonly string[], folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const byIntent = new Map<string, number[]>();
  intents.forEach((intent, i) => byIntent.set(intent, [...(byIntent.get(intent) ?? []), i]));
  const assignment = new Array<number>(intents.length).fill(0);
  let next = 0;
  for (const intent of [...byIntent.keys()].sort()) {
    const members = byIntent.get(intent) as number[];
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    // continue dealing where the previous intent stopped, so small intents do not all land in fold 0
    for (const idx of members) assignment[idx] = next++ % folds;
  }
  return assignment;
}

const meanStd = (xs: number[]): MeanStd => {
  const mean = xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length || 1);
  return { mean, std: Math.sqrt(variance) };
};

const subset = (data: NluTrainingData, keep: (i: number) => boolean): NluTrainingData =>
  ({ ...data, examples: data.examples.filter((_, i) => keep(i)) });

export async function crossValidateNlu(config: ModelConfig, data: NluTrainingData, domain: Domain, folds: number, seed = 42): Promise<CrossValidation> {
  if (!Number.isInteger(folds) || folds < 2) throw new ParleyError('CONFIG_INVALID', `cross-validation needs at least 2 folds, got ${folds}`);
  if (data.examples.length < folds) throw new ParleyError('PROJECT_INVALID', `cross-validation with ${folds} folds needs at least ${folds} NLU examples, found ${data.examples.length}`);
  const assignment = stratifiedFolds(data.examples.map((e) => baseIntent(e.intent)), folds, seed);
  const all: ExamplePrediction[] = [];
  const results: FoldResult[] = [];
  let extractors: string[] = [];
  for (let k = 0; k < folds; k++) {
    const train = subset(data, (i) => assignment[i] !== k);
    const test = subset(data, (i) => assignment[i] === k);
    const model = await trainNlu(config, train, domain, { seed });
    const predicted = await predictExamples(model, test);
    extractors = modelExtractors(model);
    all.push(...predicted);
    const ev = summariseNlu(predicted).intent_evaluation;
    results.push({ train_size: train.examples.length, test_size: test.examples.length, accuracy: ev.accuracy, f1_score: ev.f1_score, precision: ev.precision });
  }
  return {
    folds: results,
    summary: { accuracy: meanStd(results.map((r) => r.accuracy)), f1_score: meanStd(results.map((r) => r.f1_score)), precision: meanStd(results.map((r) => r.precision)) },
    evaluation: summariseNlu(all, extractors),
  };
}
