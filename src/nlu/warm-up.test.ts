import { describe, expect, it } from 'vitest';
import type { NluModel } from './nlu-model.js';
import { warmUp } from './warm-up.js';

function countingModel(fail: string): { model: NluModel; seen: string[] } {
  const seen: string[] = [];
  const model = {
    fingerprint: 'f', language: 'en', warnings: [], persist: () => { throw new Error('not used'); },
    parse: (text: string) => {
      seen.push(text);
      return text === fail ? Promise.reject(new Error('boom')) : Promise.resolve({ text, intent: null, entities: [], intent_ranking: [] });
    },
  } as unknown as NluModel;
  return { model, seen };
}

describe('warmUp', () => {
  it('parses the texts in turn up to maxParses, counting failures instead of throwing', async () => {
    const { model, seen } = countingModel('b');
    const result = await warmUp(model, ['a', 'b', 'c'], { maxParses: 7, budgetMs: 10_000 });
    expect(seen).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    expect(result.parses).toBe(7);
    expect(result.failures).toBe(2);
  });

  it('stops at the time budget, and does nothing without texts', async () => {
    const { model, seen } = countingModel('');
    const result = await warmUp(model, ['a'], { maxParses: 1e9, budgetMs: 30 });
    expect(result.parses).toBeGreaterThan(0);
    expect(result.parses).toBeLessThan(1e9);
    expect(result.ms).toBeGreaterThanOrEqual(30);
    expect(await warmUp(model, [], {})).toEqual({ parses: 0, failures: 0, ms: 0 });
    expect(seen.length).toBe(result.parses);
  });
});
