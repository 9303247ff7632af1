import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type ModelConfig, type NluTrainingData } from '../../core/index.js';
import { crossValidateNlu, stratifiedFolds } from './cross-validate.js';

describe('stratifiedFolds', () => {
  const intents = [...Array(10).fill('a'), ...Array(7).fill('b'), ...Array(3).fill('c')] as string[];

  it('spreads every intent evenly over the folds', () => {
    const folds = stratifiedFolds(intents, 3, 1);
    for (const intent of ['a', 'b', 'c']) {
      const sizes = [0, 1, 2].map((k) => intents.filter((x, i) => x === intent && folds[i] === k).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    const totals = [0, 1, 2].map((k) => folds.filter((f) => f === k).length);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and shuffles differently for another', () => {
    expect(stratifiedFolds(intents, 3, 7)).toEqual(stratifiedFolds(intents, 3, 7));
    expect(stratifiedFolds(intents, 3, 7)).not.toEqual(stratifiedFolds(intents, 3, 8));
  });
});

describe('crossValidateNlu', () => {
  const ex = (intent: string, texts: string[]) => texts.map((text) => ({ text, intent, entities: [] }));
  const data: NluTrainingData = { ...emptyNluData(), examples: [
    ...ex('greet', ['hello', 'hi there', 'hey', 'good morning', 'hello friend', 'hi bot']),
    ...ex('bye', ['bye', 'goodbye', 'see you later', 'bye bye', 'see you soon', 'goodbye friend']),
    ...ex('thank', ['thanks', 'thank you', 'thanks a lot', 'many thanks', 'thank you so much', 'thanks bot']),
  ] };
  const config: ModelConfig = { language: 'en', policies: [], pipeline: [
    { name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 3 }, { name: 'LogisticRegressionClassifier' },
  ] };

  it('scores every example once, by a model trained without it', async () => {
    const cv = await crossValidateNlu(config, data, emptyDomain(), 3, 5);
    expect(cv.folds.map((f) => [f.train_size, f.test_size])).toEqual([[12, 6], [12, 6], [12, 6]]);
    expect(cv.evaluation.intent_evaluation.predictions.map((p) => p.text).sort()).toEqual(data.examples.map((e) => e.text).sort());
    expect(cv.summary.accuracy.mean).toBeGreaterThan(0.5);
  });

  it('rejects fewer than 2 folds', async () => {
    await expect(crossValidateNlu(config, data, emptyDomain(), 1, 5)).rejects.toThrow(/at least 2 folds/);
  });
});
