// NLU evaluation: `parley test nlu` and /model/test/intents.
export { evaluateNlu, predictExamples, summariseNlu, modelExtractors } from './evaluate-nlu.js';
export { crossValidateNlu, stratifiedFolds, type CrossValidation, type FoldResult } from './cross-validate.js';
export { classificationReport } from './classification-report.js';
export { expectedCalibrationError, CALIBRATION_BINS, type ScoredPrediction } from './calibration-error.js';
export { renderNluReportHtml, type ReportContext } from './nlu-report-html.js';
export { writeNluReports } from './write-nlu-reports.js';
export type * from './nlu-evaluation.js';
