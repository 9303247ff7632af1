// nlu_report.html: one self-contained page (inline CSS, SVG and script; no network) with the
// summary, per-intent table, confusion heat map, confidence histogram, errors and entity reports.
import type { CrossValidation } from './cross-validate.js';
import { confusionHeatmapSvg } from './confusion-heatmap-svg.js';
import { isLabelRow } from './classification-report.js';
import { histogramSvg } from './histogram-svg.js';
import { escapeHtml as esc, fixed } from './html-escape.js';
import type { ClassificationReport, ExtractorEvaluation, IntentError, LabelMetrics, NluEvaluation } from './nlu-evaluation.js';
import { REPORT_CSS, SORT_SCRIPT } from './report-style.js';

export interface ReportContext { title?: string; generatedAt?: Date; modelName?: string; crossValidation?: CrossValidation }

const num = (v: number, digits = 3, low = false): string => `<td class="num${low ? ' low' : ''}" data-v="${v}">${fixed(v, digits)}</td>`;
const card = (label: string, value: string): string => `<div class="card"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
const table = (head: string[], numeric: boolean[], rows: string[]): string =>
  `<div class="scroll"><table class="sortable"><thead><tr>${head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;

/** A low F1 is marked where the label has test examples: a label only predicted (nlu_fallback) has F1 0 by definition. */
function reportTable(report: ClassificationReport, withConfusions: boolean): string {
  const rows = Object.entries(report).filter(([k, v]) => isLabelRow(k, v)).map(([label, v]) => {
    const r = v as LabelMetrics;
    const confused = Object.entries(r.confused_with ?? {}).map(([l, c]) => `${l} (${c})`).join(', ');
    return `<tr><td>${esc(label)}</td>${num(r.precision)}${num(r.recall)}${num(r['f1-score'], 3, r.support > 0 && r['f1-score'] < 0.7)}<td class="num">${r.support}</td>${withConfusions ? `<td class="nowrap">${esc(confused)}</td>` : ''}</tr>`;
  });
  const head = ['label', 'precision', 'recall', 'F1', 'support', ...(withConfusions ? ['confused with'] : [])];
  if (rows.length === 0) return '<p class="empty">Nothing to report.</p>';
  return table(head, [false, true, true, true, true, false], rows);
}

function errorsTable(ev: NluEvaluation): string {
  const errors = ev.intent_evaluation.errors;
  if (errors.length === 0) return '<p class="empty">No misclassified examples.</p>';
  const predicted = (e: IntentError): string => {
    const b = e.intent_prediction_before_fallback;
    return esc(e.intent_prediction.name || '(none)') + (b ? ` <span class="meta">(${esc(b.name)} ${fixed(b.confidence)} before the fallback)</span>` : '');
  };
  const rows = errors.map((e) => `<tr><td class="text">${esc(e.text)}</td><td>${esc(e.intent)}</td><td>${predicted(e)}</td>${num(e.intent_prediction.confidence)}</tr>`);
  return table(['text', 'intent', 'predicted', 'confidence'], [false, false, false, true], rows);
}

function entitySections(ev: NluEvaluation): string {
  const names = Object.keys(ev.entity_evaluation);
  if (names.length === 0) return '<p class="empty">No entity extractor was evaluated (no annotated entities, or no extractor in the pipeline).</p>';
  const section = (title: string, e: ExtractorEvaluation, note = ''): string =>
    `<h3>${esc(title)}</h3><p class="meta">${note}micro precision ${fixed(e.precision)} · recall ${fixed(e.recall)} · F1 ${fixed(e.f1_score)} · ${e.errors.length} example${e.errors.length === 1 ? '' : 's'} with errors</p>${reportTable(e.report, false)}`;
  const parsed = ev.parsed_entity_evaluation;
  const whole = parsed
    ? section('The parse (all extractors)', parsed, 'What the dialogue receives: every extractor&rsquo;s entities, one kept (the longest) where two of the same type overlap. Below, each extractor is credited only with the entities it contributed to the parse. ')
    : '';
  return whole + names.map((name) => {
    const e = ev.entity_evaluation[name];
    return e ? section(name, e) : '';
  }).join('');
}

function crossValidationSection(cv: CrossValidation | undefined): string {
  if (!cv) return '';
  const rows = cv.folds.map((f, i) => `<tr><td class="num">${i + 1}</td><td class="num">${f.train_size}</td><td class="num">${f.test_size}</td>${num(f.accuracy)}${num(f.f1_score)}${num(f.precision)}</tr>`);
  const s = cv.summary;
  return `<section><h2>Cross-validation (${cv.folds.length} folds)</h2><p class="meta">accuracy ${fixed(s.accuracy.mean)} ± ${fixed(s.accuracy.std)} · F1 ${fixed(s.f1_score.mean)} ± ${fixed(s.f1_score.std)}</p>`
    + `${table(['fold', 'train', 'test', 'accuracy', 'F1', 'precision'], [true, true, true, true, true, true], rows)}</section>`;
}

export function renderNluReportHtml(ev: NluEvaluation, ctx: ReportContext = {}): string {
  const ie = ev.intent_evaluation;
  const macro = ie.report['macro avg'] as LabelMetrics | undefined;
  const title = ctx.title ?? 'Parley NLU evaluation';
  const meta = [`${ie.predictions.length} test examples`, ctx.modelName ? `model ${ctx.modelName}` : '', `generated ${(ctx.generatedAt ?? new Date()).toISOString()}`].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body><main>
<h1>${esc(title)}</h1><p class="meta">${esc(meta)}</p>
<div class="cards">${card('intent accuracy', fixed(ie.accuracy))}${card('macro F1', fixed(macro?.['f1-score'] ?? 0))}${card('weighted F1', fixed(ie.f1_score))}${card('calibration error (ECE)', fixed(ie.expected_calibration_error))}${card('misclassified', String(ie.errors.length))}</div>
${crossValidationSection(ctx.crossValidation)}
<section id="intents"><h2>Intents</h2>${reportTable(ie.report, true)}</section>
<section id="confusion"><h2>Confusion matrix</h2><p class="meta">Rows: true intent; columns: predicted. Colour: share of the row (blue on the diagonal, red off it).</p><div class="scroll">${confusionHeatmapSvg(ev.confusion_matrix)}</div></section>
<section id="histogram"><h2>Confidence histogram</h2><p class="meta">How confident the model was, for correct and for wrong predictions (20 bins).</p>${histogramSvg(ev.histogram)}</section>
<section id="errors"><h2>Misclassified examples</h2>${errorsTable(ev)}</section>
<section id="entities"><h2>Entities</h2><p class="meta">Exact span and type.</p>${entitySections(ev)}</section>
</main><script>${SORT_SCRIPT}</script></body></html>
`;
}
