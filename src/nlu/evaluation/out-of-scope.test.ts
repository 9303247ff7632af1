// Out-of-scope handling (issue 4, item 4): an `out_of_scope` intent is an ordinary class learned from
// its examples, and FallbackClassifier still catches what neither it nor the in-scope intents cover.
import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type ModelConfig, type NluTrainingData } from '../../core/index.js';
import { trainNlu } from '../train-nlu.js';
import { evaluateNlu } from './evaluate-nlu.js';

const ex = (intent: string, texts: string[]) => texts.map((text) => ({ text, intent, entities: [] }));

const data: NluTrainingData = { ...emptyNluData(), examples: [
  ...ex('order_pizza', ['i want a pizza', 'order a large pizza', 'get me a pepperoni pizza', 'can i order pizza', 'one margherita pizza please', 'pizza delivery please']),
  ...ex('track_order', ['where is my order', 'track my delivery', 'when will my pizza arrive', 'status of my order', 'is my order on the way', 'how long until delivery']),
  ...ex('out_of_scope', ['what is the capital of france', 'tell me about the stock market', 'how do i fix my car', 'who won the football game',
    'what is the meaning of life', 'can you book me a flight', 'help me with my taxes', 'what is quantum physics']),
] };

const config = (extra: ModelConfig['pipeline'] = []): ModelConfig => ({ language: 'en', policies: [], pipeline: [
  { name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 2, max_ngram: 4 },
  { name: 'LogisticRegressionClassifier' }, ...extra,
] });

describe('out-of-scope', () => {
  it('learns an out_of_scope intent from its examples like any other intent', async () => {
    const model = await trainNlu(config(), data, emptyDomain());
    expect((await model.parse('what is the capital of spain')).intent?.name).toBe('out_of_scope');
    expect((await model.parse('can you book me a hotel')).intent?.name).toBe('out_of_scope');
    expect((await model.parse('i want a big pizza')).intent?.name).toBe('order_pizza');
    const test: NluTrainingData = { ...emptyNluData(), examples: [
      ...ex('out_of_scope', ['tell me about the weather in paris', 'who won the game last night', 'how do i fix my bike']),
      ...ex('order_pizza', ['order me a pizza']), ...ex('track_order', ['where is my delivery']),
    ] };
    const ev = await evaluateNlu(model, test);
    expect(ev.intent_evaluation.report.out_of_scope).toMatchObject({ support: 3 });
    expect((ev.intent_evaluation.report.out_of_scope as { recall: number }).recall).toBeGreaterThanOrEqual(2 / 3);
  });

  it('keeps FallbackClassifier working on the calibrated confidences: a high threshold falls back, a low one does not', async () => {
    const strict = await trainNlu(config([{ name: 'FallbackClassifier', threshold: 0.99, ambiguity_threshold: 0 }]), data, emptyDomain());
    const lenient = await trainNlu(config([{ name: 'FallbackClassifier', threshold: 0.05, ambiguity_threshold: 0 }]), data, emptyDomain());
    const text = 'pizza order status';
    const raw = await (await trainNlu(config(), data, emptyDomain())).parse(text);
    const confidences = (raw.intent_ranking ?? []).map((r) => r.confidence);
    expect(confidences.reduce((s, c) => s + c, 0)).toBeCloseTo(1, 5);
    expect(raw.intent?.confidence).toBeLessThan(0.99);
    expect((await strict.parse(text)).intent).toEqual({ name: 'nlu_fallback', confidence: 0.99 });
    expect((await lenient.parse(text)).intent?.name).toBe(raw.intent?.name);
  });
});
