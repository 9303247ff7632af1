// Entity evaluation per extractor: an entity is right when its span and type both match a gold
// annotation exactly, and its role and group where either has one: as in Rasa, the label is the type
// joined with them (`quantity#more`). Per-label precision/recall/F1 with micro, macro and weighted averages.
import type { AnnotatedEntity, Entity } from '../../core/index.js';
import { average, labelMetrics } from './classification-report.js';
import type { ClassificationReport, EntityError, ExamplePrediction, ExtractorEvaluation, LabelMetrics } from './nlu-evaluation.js';

/** Extractors that are not trained on the project's annotations: judged only on the types they can produce. */
const PRETRAINED = new Set(['DucklingEntityExtractor', 'SystemEntityExtractor']);
/** Not extractors: the intent shortcut and the synonym processor. */
const NOT_EXTRACTORS = new Set(['RegexMessageHandler', 'EntitySynonymMapper']);

type Scored = { entity: string; start?: number; end?: number; role?: string; group?: string };
type Labelled = (e: Scored) => string;

/** Trained extractors learn roles and groups; pretrained ones know types only and are judged on them. */
const withAttributes: Labelled = (e) => [e.entity, e.role, e.group].filter((part) => part !== undefined && part !== '').join('#');
const typeOnly: Labelled = (e) => e.entity;

interface Counts { tp: number; predicted: number; actual: number }

function count(counts: Map<string, Counts>, type: string): Counts {
  let c = counts.get(type);
  if (!c) { c = { tp: 0, predicted: 0, actual: 0 }; counts.set(type, c); }
  return c;
}

/** `mine`: the predicted entities scored (one extractor's, or the whole parse's) */
function tally(examples: ExamplePrediction[], mine: (e: Entity) => boolean, judged: (type: string) => boolean, label: Labelled = withAttributes): { counts: Map<string, Counts>; errors: EntityError[] } {
  const key = (e: Scored): string => `${label(e)}\u0000${e.start}\u0000${e.end}`;
  const counts = new Map<string, Counts>();
  const errors: EntityError[] = [];
  for (const ex of examples) {
    const gold = ex.entities.filter((e) => judged(e.entity));
    const seen = new Set<string>();
    const predicted = ex.predictedEntities.filter((e) => {
      if (!mine(e) || e.start === undefined || !judged(e.entity) || seen.has(key(e))) return false;
      seen.add(key(e));
      return true;
    });
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(predicted.map(key));
    for (const g of gold) count(counts, label(g)).actual++;
    for (const p of predicted) {
      const c = count(counts, label(p));
      c.predicted++;
      if (goldKeys.has(key(p))) c.tp++;
    }
    const wrong = gold.some((g) => !predKeys.has(key(g))) || predicted.some((p) => !goldKeys.has(key(p)));
    if (wrong) errors.push({ text: ex.text, entities: gold, predicted_entities: predicted });
  }
  return { counts, errors };
}

function report(counts: Map<string, Counts>): { report: ClassificationReport; micro: LabelMetrics } {
  const out: ClassificationReport = {};
  const rows: LabelMetrics[] = [];
  const total: Counts = { tp: 0, predicted: 0, actual: 0 };
  for (const type of [...counts.keys()].sort()) {
    const c = counts.get(type) as Counts;
    const row = labelMetrics(c.tp, c.predicted, c.actual);
    out[type] = row;
    rows.push(row);
    total.tp += c.tp; total.predicted += c.predicted; total.actual += c.actual;
  }
  const micro = labelMetrics(total.tp, total.predicted, total.actual);
  out['micro avg'] = micro;
  out['macro avg'] = average(rows, false);
  out['weighted avg'] = average(rows, true);
  return { report: out, micro };
}

/** The extractors seen in the predictions, plus those named (so one that found nothing still reports). */
export function extractorNames(examples: ExamplePrediction[], named: readonly string[] = []): string[] {
  const seen = examples.flatMap((ex) => ex.predictedEntities.map((e: Entity) => e.extractor ?? ''));
  return [...new Set([...named, ...seen])].filter((n) => n !== '' && !NOT_EXTRACTORS.has(n)).sort();
}

export function evaluateExtractor(examples: ExamplePrediction[], extractor: string): ExtractorEvaluation | undefined {
  let judged = (_type: string): boolean => true;
  if (PRETRAINED.has(extractor)) {
    const types = new Set(examples.flatMap((ex) => ex.predictedEntities.filter((e) => e.extractor === extractor).map((e) => e.entity)));
    const annotated = examples.some((ex) => ex.entities.some((e: AnnotatedEntity) => types.has(e.entity)));
    if (!annotated) return undefined; // nothing in the test data to judge it by
    judged = (type) => types.has(type);
  }
  return evaluation(tally(examples, (e) => e.extractor === extractor, judged, PRETRAINED.has(extractor) ? typeOnly : withAttributes));
}

function evaluation({ counts, errors }: { counts: Map<string, Counts>; errors: EntityError[] }): ExtractorEvaluation {
  const { report: r, micro } = report(counts);
  return { report: r, precision: micro.precision, recall: micro.recall, f1_score: micro['f1-score'], errors };
}

/**
 * The entities as the parse hands them to the dialogue: every extractor's, after same-type overlaps
 * are resolved (pipeline/entity-overlaps.ts). Per extractor, each one is credited only with what it
 * contributed to that parse: a regex whose match the tagger also found adds nothing and scores a low
 * recall, though nothing is missed. Types that only pretrained extractors produce and the test data
 * never annotates are left out, as in evaluateExtractor. Undefined when nothing is annotated or found.
 */
export function evaluateParsedEntities(examples: ExamplePrediction[]): ExtractorEvaluation | undefined {
  const annotated = new Set(examples.flatMap((ex) => ex.entities.map((e: AnnotatedEntity) => e.entity)));
  const learnt = new Set(examples.flatMap((ex) => ex.predictedEntities.filter((e) => !PRETRAINED.has(e.extractor ?? '')).map((e) => e.entity)));
  if (annotated.size === 0 && learnt.size === 0) return undefined;
  return evaluation(tally(examples, (e) => !NOT_EXTRACTORS.has(e.extractor ?? ''), (type) => annotated.has(type) || learnt.has(type)));
}
