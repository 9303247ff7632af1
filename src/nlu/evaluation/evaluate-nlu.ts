// `parley test nlu`: parse every test example, then score intents (sklearn's report), entities
// (exact span and type, per extractor), the confusion matrix and the confidence histogram.
import type { NluTrainingData } from '../../core/index.js';
import { NLU_FALLBACK } from '../classifiers/fallback-classifier.js';
import { baseIntent } from '../classifiers/ranking.js';
import type { NluModel } from '../nlu-model.js';
import { componentRegistry } from '../pipeline/registry.js';
import { classificationReport } from './classification-report.js';
import { expectedCalibrationError } from './calibration-error.js';
import { confidenceHistogram, confusionMatrix } from './confusion-matrix.js';
import { evaluateExtractor, evaluateParsedEntities, extractorNames } from './entity-evaluation.js';
import type { ExamplePrediction, ExtractorEvaluation, IntentPredictionRecord, LabelMetrics, NluEvaluation } from './nlu-evaluation.js';

/** What the model predicts for each test example, beside its gold labels. */
export async function predictExamples(model: NluModel, data: NluTrainingData): Promise<ExamplePrediction[]> {
  const out: ExamplePrediction[] = [];
  for (const ex of data.examples) {
    const parsed = await model.parse(ex.text);
    const predicted = parsed.intent?.name ?? '';
    // the FallbackClassifier puts nlu_fallback first and keeps the classifier's ranking after it
    const before = predicted === NLU_FALLBACK ? parsed.intent_ranking?.find((r) => r.name !== NLU_FALLBACK) : undefined;
    out.push({
      text: ex.text,
      intent: baseIntent(ex.intent),
      predicted,
      confidence: parsed.intent?.confidence ?? 0,
      entities: ex.entities,
      predictedEntities: parsed.entities,
      ...(before ? { beforeFallback: { name: before.name, confidence: before.confidence } } : {}),
    });
  }
  return out;
}

/** Names of the model's entity extractors as config.yml wrote them (DIETClassifier extracts entities too). */
export function modelExtractors(model: NluModel): string[] {
  return model.persist().components
    .filter((c) => componentRegistry[c.component].stage === 'extractor' || c.component === 'DIETClassifier')
    .map((c) => c.name);
}

/** Scores predictions; `extractors` names extractors to report even when they found nothing. */
export function summariseNlu(examples: ExamplePrediction[], extractors: readonly string[] = []): NluEvaluation {
  const predictions: IntentPredictionRecord[] = examples.map((e) => ({ text: e.text, intent: e.intent, predicted: e.predicted, confidence: e.confidence }));
  const report = classificationReport(predictions.map((p) => p.intent), predictions.map((p) => p.predicted));
  const weighted = report['weighted avg'] as LabelMetrics;
  const entity_evaluation: Record<string, ExtractorEvaluation> = {};
  for (const name of extractorNames(examples, extractors)) {
    const ev = evaluateExtractor(examples, name);
    if (ev) entity_evaluation[name] = ev;
  }
  const parsed = Object.keys(entity_evaluation).length > 0 ? evaluateParsedEntities(examples) : undefined;
  return {
    intent_evaluation: {
      report,
      accuracy: report.accuracy as number,
      f1_score: weighted['f1-score'],
      precision: weighted.precision,
      expected_calibration_error: expectedCalibrationError(predictions.map((p) => ({ confidence: p.confidence, correct: p.intent === p.predicted }))),
      predictions,
      errors: examples.filter((e) => e.intent !== e.predicted).sort((a, b) => b.confidence - a.confidence)
        .map((e) => ({
          text: e.text, intent: e.intent, intent_prediction: { name: e.predicted, confidence: e.confidence },
          ...(e.beforeFallback ? { intent_prediction_before_fallback: e.beforeFallback } : {}),
        })),
    },
    entity_evaluation,
    ...(parsed ? { parsed_entity_evaluation: parsed } : {}),
    confusion_matrix: confusionMatrix(predictions),
    histogram: confidenceHistogram(predictions),
  };
}

export async function evaluateNlu(model: NluModel, testData: NluTrainingData): Promise<NluEvaluation> {
  return summariseNlu(await predictExamples(model, testData), modelExtractors(model));
}
