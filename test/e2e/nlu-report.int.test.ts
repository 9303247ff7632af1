// `parley test nlu --folds` as a user runs it (the compiled CLI on a small project), then its
// nlu_report.html opened in headless Chromium: the page must render without errors, draw the
// confusion heat map with a cell per (true, predicted) pair and the confidence histogram, and its
// tables must sort when a header is clicked (the page's only script).
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.js';
import { runCli } from '../support/cli.js';

const INTENTS: Record<string, string[]> = {
  greet: ['hello', 'hi there', 'good morning', 'hey', 'hello friend', 'hi', 'good evening', 'hey there'],
  order: ['i want two pizzas', 'order a pizza', 'get me three burgers', 'i would like a salad', 'one pizza please', 'order two salads', 'can i get a burger', 'i want to order food'],
  track: ['where is my order', 'track my delivery', 'has my food shipped', 'when will my order arrive', 'status of my order', 'is my pizza on its way', 'where is my food', 'track order'],
  bye: ['bye', 'goodbye', 'see you', 'see you later', 'bye bye', 'good night', 'farewell', 'talk to you later'],
};

async function writeProject(dir: string): Promise<void> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'config.yml'), [
    'language: en', 'pipeline:', '  - name: WhitespaceTokenizer', '  - name: CountVectorsFeaturizer',
    '  - name: CountVectorsFeaturizer', '    analyzer: char_wb', '    min_ngram: 1', '    max_ngram: 3',
    '  - name: DIETClassifier', '    epochs: 30', 'policies:', '  - name: RulePolicy', '',
  ].join('\n'));
  await writeFile(join(dir, 'domain.yml'), `version: "3.1"\nintents:\n${Object.keys(INTENTS).map((i) => `  - ${i}`).join('\n')}\n`);
  const nlu = Object.entries(INTENTS).map(([intent, texts]) => `  - intent: ${intent}\n    examples: |\n${texts.map((t) => `      - ${t}`).join('\n')}`);
  await writeFile(join(dir, 'data', 'nlu.yml'), `version: "3.1"\nnlu:\n${nlu.join('\n')}\n`);
}

describe('parley test nlu: the HTML report in Chromium', () => {
  let dir = '';
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-nlu-report-e2e-'));
    await writeProject(dir);
    const run = await runCli(['test', 'nlu', '-p', dir, '--folds', '2', '--out', join(dir, 'results'), '-q'], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    browser = await launchChromium();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the heat map, the histogram and sortable tables without script errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`file://${join(dir, 'results', 'nlu_report.html')}`);

    const heatmap = page.locator('svg[aria-label="intent confusion matrix"]');
    await expect.poll(async () => (await heatmap.boundingBox())?.width ?? 0).toBeGreaterThan(200);
    // one cell per (true, predicted) pair of the labels the matrix shows, and every intent named
    const labels = await heatmap.locator('text').allTextContents();
    for (const intent of Object.keys(INTENTS)) expect(labels).toContain(intent);
    const shown = Object.keys(INTENTS).length + (labels.includes('nlu_fallback') ? 1 : 0);
    expect(await heatmap.locator('rect').count()).toBeGreaterThanOrEqual(shown * shown);
    // the summary cards are filled from the evaluation (these four intents are easy to tell apart)
    const accuracy = Number(await page.locator('.card', { hasText: 'intent accuracy' }).locator('b').textContent());
    expect(accuracy).toBeGreaterThan(0.5);
    const calibration = Number(await page.locator('.card', { hasText: 'calibration error' }).locator('b').textContent());
    expect(calibration).toBeGreaterThanOrEqual(0);
    expect(calibration).toBeLessThan(1);

    const histogram = page.locator('svg[aria-label="confidence histogram"]');
    expect((await histogram.boundingBox())?.height ?? 0).toBeGreaterThan(100);
    const bars = histogram.locator('rect.ok');
    expect(await bars.count()).toBe(20);
    const heights = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights.some((h) => h > 0)).toBe(true);

    // clicking the F1 header sorts the intents table by F1, both ways
    const table = page.locator('#intents table');
    const f1 = table.locator('th', { hasText: /^F1$/ });
    const columnValues = async (): Promise<number[]> =>
      table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.children[3]?.getAttribute('data-v'))));
    await f1.click();
    const first = await columnValues();
    await f1.click();
    const second = await columnValues();
    const ascending = [...first].sort((a, b) => a - b);
    const sortedOneWay = (v: number[]) => JSON.stringify(v) === JSON.stringify(ascending) || JSON.stringify(v) === JSON.stringify([...ascending].reverse());
    expect(sortedOneWay(first) && sortedOneWay(second)).toBe(true);
    expect(second).toEqual([...first].reverse());
    expect(['ascending', 'descending']).toContain(await f1.getAttribute('aria-sort'));

    await screenshot(page, 'nlu-report');
    expect(errors).toEqual([]);
    await page.close();
  });
});
