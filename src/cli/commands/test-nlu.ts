// `parley test nlu [paths] [--folds k]`: evaluates the NLU model the way `rasa test nlu` does and
// writes intent/entity reports plus a self-contained HTML report to results/.
import { resolve } from 'node:path';
import { emptyNluData, type NluTrainingData } from '../../core/index.js';
import { ParleyError, isParleyError } from '../../errors.js';
import { loadModel, modelFromArchive, type LoadedModel } from '../../loaded-model.js';
import { crossValidateNlu, evaluateNlu, writeNluReports, type CrossValidation, type NluEvaluation } from '../../nlu/evaluation/index.js';
import { loadProject, type Project } from '../../project/index.js';
import { trainProject } from '../../training.js';

export interface TestNluFlags { project: string; model?: string; out?: string; folds?: number; quiet?: boolean }

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

async function modelFor(project: Project, flags: TestNluFlags, say: (m: string) => void): Promise<LoadedModel> {
  try {
    return await loadModel(resolve(project.root, flags.model ?? 'models'));
  } catch (err) {
    if (flags.model || !isParleyError(err, 'MODEL_NOT_FOUND')) throw err;
    say('No trained model found: training one in memory for this run.');
    return modelFromArchive(await trainProject(project), '(in memory)');
  }
}

/** NLU examples of the given files (test_* files included), or undefined when no paths were given. */
async function dataOf(root: string, paths: string[]): Promise<NluTrainingData | undefined> {
  if (paths.length === 0) return undefined;
  const files = await loadProject(root, { dataPaths: paths.map((p) => resolve(p)), testPaths: [] });
  return { ...emptyNluData(), ...files.nlu, examples: [...files.nlu.examples, ...files.testNlu.examples] };
}

function requireExamples(data: NluTrainingData, what: string): NluTrainingData {
  if (data.examples.length > 0) return data;
  throw new ParleyError('PROJECT_INVALID', `no NLU examples to test: ${what}`);
}

export function printNluEvaluation(ev: NluEvaluation, say: (m: string) => void): void {
  const ie = ev.intent_evaluation;
  const macro = ie.report['macro avg'];
  const macroF1 = typeof macro === 'object' ? macro['f1-score'] : 0;
  say(`Intent accuracy: ${pct(ie.accuracy)} (${ie.predictions.length - ie.errors.length}/${ie.predictions.length}); macro F1 ${macroF1.toFixed(3)}, weighted F1 ${ie.f1_score.toFixed(3)}; calibration error (ECE) ${ie.expected_calibration_error.toFixed(3)}`);
  for (const e of ie.errors.slice(0, 10)) {
    const b = e.intent_prediction_before_fallback;
    const before = b ? `; ${b.name} ${b.confidence.toFixed(2)} before the fallback` : '';
    say(`  wrong: "${e.text}" is ${e.intent}, predicted ${e.intent_prediction.name || '(none)'} (${e.intent_prediction.confidence.toFixed(2)}${before})`);
  }
  if (ie.errors.length > 10) say(`  … and ${ie.errors.length - 10} more in intent_errors.json`);
  const parsed = ev.parsed_entity_evaluation;
  if (parsed) say(`Entities (the parse, all extractors): precision ${parsed.precision.toFixed(3)}, recall ${parsed.recall.toFixed(3)}, F1 ${parsed.f1_score.toFixed(3)} (exact span and type)`);
  for (const [name, e] of Object.entries(ev.entity_evaluation)) {
    say(`Entities (${name}): precision ${e.precision.toFixed(3)}, recall ${e.recall.toFixed(3)}, F1 ${e.f1_score.toFixed(3)} (exact span and type)`);
  }
}

function printCrossValidation(cv: CrossValidation, say: (m: string) => void): void {
  const s = cv.summary;
  cv.folds.forEach((f, i) => say(`fold ${i + 1}: train ${f.train_size}, test ${f.test_size}, accuracy ${pct(f.accuracy)}, F1 ${f.f1_score.toFixed(3)}`));
  say(`Cross-validation (${cv.folds.length} folds): accuracy ${pct(s.accuracy.mean)} ± ${pct(s.accuracy.std)}, F1 ${s.f1_score.mean.toFixed(3)} ± ${s.f1_score.std.toFixed(3)}`);
}

export async function testNluCommand(paths: string[], flags: TestNluFlags): Promise<void> {
  const root = resolve(flags.project);
  const say = (m: string) => { if (!flags.quiet) console.log(m); };
  const project = await loadProject(root);
  const given = await dataOf(root, paths);
  let ev: NluEvaluation;
  let crossValidation: CrossValidation | undefined;
  let modelName: string | undefined;
  if (flags.folds !== undefined) {
    const data = requireExamples(given ?? project.nlu, given ? paths.join(', ') : 'the project has no NLU data');
    say(`Cross-validating on ${data.examples.length} examples with ${flags.folds} stratified folds…`);
    crossValidation = await crossValidateNlu(project.config, data, project.domain, flags.folds, 42);
    printCrossValidation(crossValidation, say);
    ev = crossValidation.evaluation;
  } else {
    const data = requireExamples(given ?? project.testNlu, given ? paths.join(', ') : 'add tests/test_nlu.yml, pass NLU files, or use --folds <k>');
    const model = await modelFor(project, flags, say);
    modelName = model.fileName;
    ev = await evaluateNlu(model.nlu, data);
  }
  printNluEvaluation(ev, say);
  const outDir = resolve(root, flags.out ?? 'results');
  const written = await writeNluReports(ev, outDir, { ...(modelName ? { modelName } : {}), ...(crossValidation ? { crossValidation } : {}) });
  say(`Reports written to ${outDir} (${written.length} files, open nlu_report.html in a browser)`);
}
