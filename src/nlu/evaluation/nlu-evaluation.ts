// The shapes `parley test nlu` reports: Rasa's /model/test/intents result plus the confusion matrix
// and confidence histogram its HTML report draws.
import type { AnnotatedEntity, Entity } from '../../core/index.js';

/** One label's row of sklearn's classification_report(output_dict=True). */
export interface LabelMetrics {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
  /** intent reports only: the labels this one was most often mistaken for, as Rasa writes them */
  confused_with?: Record<string, number>;
}

/** sklearn's report dict: one row per label, `accuracy` (when computed), and the averages. */
export type ClassificationReport = Record<string, LabelMetrics | number>;

export interface IntentPredictionRecord {
  text: string;
  intent: string;
  predicted: string;
  confidence: number;
}

/**
 * A misclassified example in Rasa's intent_errors.json shape; Parley adds, for a prediction of
 * nlu_fallback, the intent the classifier ranked first before the fallback replaced it.
 */
export interface IntentError {
  text: string;
  intent: string;
  intent_prediction: { name: string; confidence: number };
  intent_prediction_before_fallback?: { name: string; confidence: number };
}

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[i][j]: examples of labels[i] predicted as labels[j] */
  matrix: number[][];
}

export interface ConfidenceHistogram {
  /** bin edges: 0, 0.05, …, 1 (21 numbers for 20 bins) */
  edges: number[];
  correct: number[];
  wrong: number[];
}

export interface IntentEvaluation {
  report: ClassificationReport;
  accuracy: number;
  /** weighted averages, as Rasa reports them */
  f1_score: number;
  precision: number;
  /** Parley's addition: expected calibration error of the top confidence (15 equal-width bins) */
  expected_calibration_error: number;
  predictions: IntentPredictionRecord[];
  /** most confident mistakes first */
  errors: IntentError[];
}

export interface EntityError {
  text: string;
  entities: AnnotatedEntity[];
  predicted_entities: Entity[];
}

export interface ExtractorEvaluation {
  report: ClassificationReport;
  precision: number;
  recall: number;
  f1_score: number;
  errors: EntityError[];
}

export interface NluEvaluation {
  intent_evaluation: IntentEvaluation;
  entity_evaluation: Record<string, ExtractorEvaluation>;
  /** every extractor's entities together, as the parse hands them on (absent: none annotated or found) */
  parsed_entity_evaluation?: ExtractorEvaluation;
  confusion_matrix: ConfusionMatrix;
  histogram: ConfidenceHistogram;
}

/** What evaluation needs of each test example: the gold labels and the model's parse. */
export interface ExamplePrediction {
  text: string;
  intent: string;
  predicted: string;
  confidence: number;
  entities: AnnotatedEntity[];
  predictedEntities: Entity[];
  /** when the prediction is nlu_fallback: the ranking's first other intent */
  beforeFallback?: { name: string; confidence: number };
}
