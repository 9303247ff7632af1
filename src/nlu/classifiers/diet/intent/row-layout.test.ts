import { describe, expect, it } from 'vitest';
import { createMessage } from '../../../pipeline/message.js';
import { RowLayout } from './row-layout.js';

function message(sets: Record<string, [number, number][]>): ReturnType<typeof createMessage> {
  const m = createMessage('x');
  for (const [key, pairs] of Object.entries(sets)) m.sparse.set(key, new Map(pairs));
  return m;
}

describe('RowLayout', () => {
  const training = [
    message({ words: [[0, 1], [2, 1]], chars: [[0, 2], [1, 1], [3, 1]] }),
    message({ words: [[1, 1], [2, 2]], chars: [[0, 1], [2, 1]] }),
    message({ words: [[0, 1]], chars: [[4, 3]] }),
  ];
  const layout = RowLayout.fromMessages(training, 1);

  it('gives parsing (reused buffers) the same vector as training, each set L2-normalised, unknown indices dropped', () => {
    const parse = [message({ words: [[2, 3], [0, 1], [9, 1]], chars: [[4, 1], [3, 2], [1, 1]] }), message({}), message({ chars: [[0, 1]] })];
    for (const m of parse) {
      const owned = layout.vectorize(m);
      const transient = layout.vectorizeTransient(m);
      expect(Array.from(transient.indices)).toEqual(Array.from(owned.indices));
      expect(Array.from(transient.values)).toEqual(Array.from(owned.values));
    }
    const v = layout.vectorize(parse[0] as ReturnType<typeof createMessage>);
    const expected = [3 / Math.sqrt(10), 1 / Math.sqrt(10), 1 / Math.sqrt(6), 2 / Math.sqrt(6), 1 / Math.sqrt(6)].sort();
    const actual = Array.from(v.values).sort();
    expect(actual).toHaveLength(5);
    actual.forEach((x, k) => expect(x).toBeCloseTo(expected[k] as number, 6));
  });

  it('keeps training vectors apart: each call of vectorize returns arrays of its own', () => {
    const a = layout.vectorize(training[0] as ReturnType<typeof createMessage>);
    const before = Array.from(a.values);
    layout.vectorize(training[2] as ReturnType<typeof createMessage>);
    layout.vectorizeTransient(training[1] as ReturnType<typeof createMessage>);
    expect(Array.from(a.values)).toEqual(before);
  });

  it('scales a set by the weight its featurizer gave, kept in the persisted layout; unweighted sets persist as before', () => {
    const weighted = training.map((t) => {
      const m = message({ words: [...(t.sparse.get('words') ?? [])], dense: [[0, 0.3], [1, -0.4]] });
      m.sparseWeights = new Map([['dense', 2]]);
      return m;
    });
    const saved = RowLayout.fromMessages(weighted, 1).toData();
    expect(saved.sets.map((s) => s.weight)).toEqual([2, undefined]);
    expect(layout.toData().sets.every((s) => !('weight' in s))).toBe(true);
    // parsing needs no weights on the message: the loaded layout has them
    const v = RowLayout.fromData(saved).vectorize(message({ dense: [[0, 3], [1, 4]], words: [[0, 1]] }));
    expect(Array.from(v.values).map((x) => Math.round(x * 1e6) / 1e6).sort()).toEqual([1, 1.2, 1.6]);
  });
});
