import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { summariseNlu } from './evaluate-nlu.js';
import { renderNluReportHtml } from './nlu-report-html.js';
import { writeNluReports } from './write-nlu-reports.js';

const ev = summariseNlu([
  { text: '我要两份', intent: 'order_meal', predicted: 'order_meal', confidence: 0.93, entities: [{ entity: 'quantity', start: 2, end: 4, value: '两份' }], predictedEntities: [{ entity: 'quantity', start: 2, end: 4, value: '两份', extractor: 'DIETClassifier' }] },
  { text: 'hello <b>', intent: 'greet', predicted: 'ask_menu', confidence: 0.41, entities: [], predictedEntities: [] },
  { text: '菜单', intent: 'ask_menu', predicted: 'ask_menu', confidence: 0.88, entities: [], predictedEntities: [] },
]);

describe('renderNluReportHtml', () => {
  const html = renderNluReportHtml(ev, { generatedAt: new Date('2026-01-01T00:00:00Z') });

  it('draws the confusion matrix with its labels, and the histogram', () => {
    expect(html).toContain('aria-label="intent confusion matrix"');
    for (const label of ['order_meal', 'greet', 'ask_menu']) expect(html).toContain(`>${label}</text>`);
    expect(html).toContain('aria-label="confidence histogram"');
    expect(html).toContain('greet → ask_menu: 1');
  });

  it('is self-contained: no external URLs, scripts or styles', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain('name="viewport"');
  });

  it('marks a low F1 only for labels with test examples', () => {
    const fallback = renderNluReportHtml(summariseNlu([
      { text: 'a', intent: 'greet', predicted: 'nlu_fallback', confidence: 0.4, entities: [], predictedEntities: [] },
      { text: 'b', intent: 'greet', predicted: 'greet', confidence: 0.9, entities: [], predictedEntities: [] },
    ]));
    const row = (label: string) => new RegExp(`<tr><td>${label}</td>(?:(?!</tr>).)*</tr>`).exec(fallback)?.[0] ?? '';
    expect(row('greet')).toContain('class="num low"');
    expect(row('nlu_fallback')).not.toContain('low');
    expect(row('nlu_fallback')).toContain('<td class="num">0</td>');
  });

  it('escapes example text', () => {
    expect(html).toContain('hello &lt;b&gt;');
    expect(html).not.toContain('hello <b>');
  });
});

describe('writeNluReports', () => {
  let dir = '';
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("writes Rasa's report files, the parse's entity scores and the HTML report", async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-nlu-report-'));
    await writeNluReports(ev, dir);
    expect((await readdir(dir)).sort()).toEqual([
      'DIETClassifier_errors.json', 'DIETClassifier_report.json', 'entities_errors.json', 'entities_report.json', 'intent_errors.json', 'intent_report.json', 'nlu_report.html']);
    const report = JSON.parse(await readFile(join(dir, 'intent_report.json'), 'utf8'));
    expect(report.greet).toMatchObject({ precision: 0, recall: 0, support: 1, confused_with: { ask_menu: 1 } });
    expect(JSON.parse(await readFile(join(dir, 'intent_errors.json'), 'utf8'))).toEqual([{ text: 'hello <b>', intent: 'greet', intent_prediction: { name: 'ask_menu', confidence: 0.41 } }]);
  });
});
