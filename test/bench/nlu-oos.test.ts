import { describe, expect, it } from 'vitest';
import { chooseThreshold, oosScores, thresholdVariant, type IntentParser } from '../../bench/nlu/oos.js';

/** A stand-in classifier: sure of the texts it was trained on, unsure of everything else. */
function memorising(rows: readonly { text: string; intent: string }[]): IntentParser {
  const known = new Map(rows.map((r) => [r.text, r.intent]));
  return { parse: async (text) => ({ intent: known.get(text) ?? 'weather', confidence: known.has(text) ? 0.9 : 0.2 }) };
}

describe('the out-of-scope protocol', () => {
  const train = [{ text: 'rain?', intent: 'weather' }, { text: 'pizza', intent: 'order' }, { text: 'sing', intent: 'oos' }];

  it('trains the threshold variant on the in-scope examples only, picks its threshold on the tuning rows, scores the evaluation rows', async () => {
    const seen: string[][] = [];
    const result = await thresholdVariant(async (rows) => {
      seen.push(rows.map((r) => r.intent));
      return memorising(rows);
    }, train, [{ text: 'pizza', intent: 'order' }, { text: 'rain?', intent: 'weather' }, { text: 'sing', intent: 'oos' }, { text: 'dance', intent: 'oos' }],
    [{ text: 'pizza', intent: 'order' }, { text: 'hum', intent: 'oos' }]);
    expect(seen).toEqual([['weather', 'order']]);
    // any threshold in (0.2, 0.9] answers both tuning rows right; the lowest such is chosen
    expect(result.value).toBe(0.21);
    // 'sing' was an oos training example, but not this model's: below the threshold, as 'dance' is
    expect(result).toMatchObject({ inScope: 1, recall: 1 });
  });

  it('maps a system\'s own no-intent answer to oos', async () => {
    const result = await thresholdVariant(async () => ({ parse: async () => ({ intent: 'None', confidence: 1 }) }), train,
      [{ text: 'x', intent: 'oos' }], [{ text: 'y', intent: 'oos' }], (i) => (i === 'None' ? 'oos' : i));
    expect(result.recall).toBe(1);
  });

  it('scores the class answers without a threshold, and chooses the threshold with the most right answers', () => {
    const preds = [{ gold: 'a', predicted: 'a', confidence: 0.5 }, { gold: 'oos', predicted: 'a', confidence: 0.3 }, { gold: 'oos', predicted: 'oos', confidence: 0.9 }];
    expect(oosScores(preds, 1e-9)).toEqual({ inScope: 1, recall: 0.5 });
    expect(chooseThreshold(preds)).toBe(0.31);
    expect(oosScores(preds, 0.31)).toEqual({ inScope: 1, recall: 1 });
  });
});
