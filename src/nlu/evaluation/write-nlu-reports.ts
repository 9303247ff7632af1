// Writes Rasa's NLU result files (intent_report.json, intent_errors.json, <Extractor>_report.json,
// <Extractor>_errors.json), Parley's entities_report.json / entities_errors.json (all extractors
// together) and nlu_report.html into a results directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NluEvaluation } from './nlu-evaluation.js';
import { renderNluReportHtml, type ReportContext } from './nlu-report-html.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
/** Extractor names come from config.yml; keep them file-name safe. */
const safe = (name: string): string => name.replace(/[^\w.-]+/g, '_');

/** Returns the paths written. */
export async function writeNluReports(ev: NluEvaluation, outDir: string, ctx: ReportContext = {}): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['intent_report.json', json(ev.intent_evaluation.report)],
    ['intent_errors.json', json(ev.intent_evaluation.errors)],
  ];
  // not a Rasa file: the entities of all extractors together, as the parse hands them on
  if (ev.parsed_entity_evaluation) files.push(['entities_report.json', json(ev.parsed_entity_evaluation.report)], ['entities_errors.json', json(ev.parsed_entity_evaluation.errors)]);
  for (const [name, e] of Object.entries(ev.entity_evaluation)) {
    files.push([`${safe(name)}_report.json`, json(e.report)], [`${safe(name)}_errors.json`, json(e.errors)]);
  }
  if (ctx.crossValidation) files.push(['cross_validation.json', json({ folds: ctx.crossValidation.folds, summary: ctx.crossValidation.summary })]);
  files.push(['nlu_report.html', renderNluReportHtml(ev, ctx)]);
  const written: string[] = [];
  for (const [name, body] of files) {
    const path = join(outDir, name);
    await writeFile(path, body);
    written.push(path);
  }
  return written;
}
