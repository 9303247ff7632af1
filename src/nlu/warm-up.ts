// Parsing a model's own examples before a server takes requests: what a model builds on first use
// (its n-gram and gazetteer indexes, the entity decoder of each intent) and V8's optimisations then
// happen before the first request instead of in it. A freshly loaded SNIPS or CAIS model parses at
// 1 ms per message over its first 300 parses and reaches its steady ~0.05–0.1 ms only after 1,800–
// 2,700 (bench/nlu/warm-up-curve.ts); 500 parses left a server's first thousands of requests 2–4×
// slower than its later ones.
import type { NluModel } from './nlu-model.js';

export interface WarmUpResult { parses: number; failures: number; ms: number }

/**
 * Parses `texts` in turn, again and again, until `maxParses` parses or `budgetMs` have passed. A
 * failing parse is counted, not thrown: a server still starts, and its requests meet the error.
 */
export async function warmUp(nlu: NluModel, texts: readonly string[], opts: { maxParses?: number; budgetMs?: number } = {}): Promise<WarmUpResult> {
  const maxParses = opts.maxParses ?? 3000;
  const budgetMs = opts.budgetMs ?? 1500;
  const t0 = performance.now();
  let parses = 0;
  let failures = 0;
  if (texts.length === 0) return { parses, failures, ms: 0 };
  while (parses < maxParses && performance.now() - t0 < budgetMs) {
    try {
      await nlu.parse(texts[parses % texts.length] as string);
    } catch {
      failures++;
    }
    parses++;
  }
  return { parses, failures, ms: performance.now() - t0 };
}
