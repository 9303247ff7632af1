import { describe, expect, it } from 'vitest';
import { emptyNluData, type Entity, type NluTrainingData, type ParseData } from '../../core/index.js';
import type { NluModel } from '../nlu-model.js';
import { evaluateNlu } from './evaluate-nlu.js';
import type { LabelMetrics } from './nlu-evaluation.js';

/** A model that answers from a table, so the expected scores can be worked out by hand. */
function fakeModel(answers: Record<string, { intent: string; confidence: number; entities?: Entity[]; ranking?: { name: string; confidence: number }[] }>): NluModel {
  return {
    fingerprint: 'fake', language: 'en', warnings: [],
    persist: () => ({ format_version: 1, fingerprint: 'fake', language: 'en', config: { language: 'en', pipeline: [] }, components: [], warnings: [] }),
    parse: async (text: string): Promise<ParseData> => {
      const a = answers[text];
      return { text, intent: a ? { name: a.intent, confidence: a.confidence } : null, entities: a?.entities ?? [], intent_ranking: a?.ranking ?? [] };
    },
  };
}

const diet = (entity: string, start: number, end: number): Entity => ({ entity, start, end, value: 'x', extractor: 'DIETClassifier' });

const data: NluTrainingData = {
  ...emptyNluData(),
  examples: [
    { text: 'book paris', intent: 'book', entities: [{ entity: 'city', start: 5, end: 10, value: 'paris' }] },
    { text: 'book rome tomorrow', intent: 'book', entities: [{ entity: 'city', start: 5, end: 9, value: 'rome' }, { entity: 'date', start: 10, end: 18, value: 'tomorrow' }] },
    { text: 'hi', intent: 'greet', entities: [] },
    { text: 'what is your name', intent: 'chitchat/ask_name', entities: [] },
  ],
};

const model = fakeModel({
  'book paris': { intent: 'book', confidence: 0.9, entities: [diet('city', 5, 10)] },
  // city span off by one (wrong), date right, plus a spurious city
  'book rome tomorrow': { intent: 'book', confidence: 0.8, entities: [diet('city', 5, 8), diet('date', 10, 18), diet('city', 0, 4)] },
  hi: { intent: 'book', confidence: 0.6 },
  'what is your name': { intent: 'chitchat', confidence: 0.7 },
});

describe('evaluateNlu', () => {
  it('scores intents by base intent and lists errors in Rasa\'s shape', async () => {
    const ev = await evaluateNlu(model, data);
    const ie = ev.intent_evaluation;
    expect(ie.accuracy).toBe(0.75);
    expect(ie.predictions[3]).toEqual({ text: 'what is your name', intent: 'chitchat', predicted: 'chitchat', confidence: 0.7 });
    expect(ie.errors).toEqual([{ text: 'hi', intent: 'greet', intent_prediction: { name: 'book', confidence: 0.6 } }]);
    // book: P 2/3, R 1 → F1 0.8 (support 2); chitchat 1/1/1 (1); greet 0 (1)
    expect((ie.report.book as LabelMetrics)['f1-score']).toBeCloseTo(0.8, 10);
    expect(ie.f1_score).toBeCloseTo((0.8 * 2 + 1) / 4, 10);
    expect(ie.precision).toBeCloseTo(((2 / 3) * 2 + 1) / 4, 10);
    expect(ev.confusion_matrix.labels).toEqual(['book', 'chitchat', 'greet']);
    // one prediction per bin: gaps 0.1, 0.2, 0.6 (the wrong one) and 0.3
    expect(ie.expected_calibration_error).toBeCloseTo(0.3, 10);
  });

  it('names, for an nlu_fallback error, the intent ranked first before the fallback', async () => {
    const m = fakeModel({
      'book paris': { intent: 'nlu_fallback', confidence: 0.4, ranking: [{ name: 'nlu_fallback', confidence: 0.4 }, { name: 'greet', confidence: 0.35 }, { name: 'book', confidence: 0.3 }] },
      hi: { intent: 'book', confidence: 0.6 },
    });
    const errors = (await evaluateNlu(m, { ...emptyNluData(), examples: (data.examples).filter((e) => e.text === 'book paris' || e.text === 'hi') })).intent_evaluation.errors;
    expect(errors).toEqual([
      { text: 'hi', intent: 'greet', intent_prediction: { name: 'book', confidence: 0.6 } },
      { text: 'book paris', intent: 'book', intent_prediction: { name: 'nlu_fallback', confidence: 0.4 }, intent_prediction_before_fallback: { name: 'greet', confidence: 0.35 } },
    ]);
  });

  it('scores entities per extractor on exact span and type', async () => {
    const e = (await evaluateNlu(model, data)).entity_evaluation.DIETClassifier;
    expect(e).toBeDefined();
    // city: gold 2, predicted 3, right 1 → P 1/3, R 1/2; date: 1/1/1; micro: right 2 of 4 predicted, 3 gold
    expect(e?.report.city).toMatchObject({ support: 2 });
    expect((e?.report.city as LabelMetrics).precision).toBeCloseTo(1 / 3, 10);
    expect((e?.report.city as LabelMetrics).recall).toBe(0.5);
    expect(e?.report.date).toMatchObject({ precision: 1, recall: 1, 'f1-score': 1, support: 1 });
    expect(e?.precision).toBe(0.5);
    expect(e?.recall).toBeCloseTo(2 / 3, 10);
    expect(e?.f1_score).toBeCloseTo(4 / 7, 10);
    expect(e?.errors.map((x) => x.text)).toEqual(['book rome tomorrow']);
  });

  it('scores the parse\'s entities with every extractor together, once per span', async () => {
    const regex = (entity: string, start: number, end: number): Entity => ({ entity, start, end, value: 'x', extractor: 'RegexEntityExtractor' });
    const duck = (entity: string, start: number, end: number): Entity => ({ entity, start, end, value: 1, extractor: 'DucklingEntityExtractor' });
    const m = fakeModel({
      // the tagger finds the city, the regex the date (which the tagger missed)
      'book paris': { intent: 'book', confidence: 0.9, entities: [diet('city', 5, 10)] },
      'book rome tomorrow': { intent: 'book', confidence: 0.8, entities: [diet('city', 5, 9), regex('date', 10, 18), regex('city', 5, 9), duck('number', 0, 1)] },
      hi: { intent: 'greet', confidence: 0.6 },
      'what is your name': { intent: 'chitchat', confidence: 0.7 },
    });
    const ev = await evaluateNlu(m, data);
    expect(ev.entity_evaluation.RegexEntityExtractor?.recall).toBeCloseTo(2 / 3, 10);
    expect(ev.entity_evaluation.DIETClassifier?.recall).toBeCloseTo(2 / 3, 10);
    // together all three gold entities are found; the duplicate city counts once, the unannotated number not at all
    expect(ev.parsed_entity_evaluation).toMatchObject({ precision: 1, recall: 1, f1_score: 1, errors: [] });
    expect(Object.keys(ev.parsed_entity_evaluation?.report ?? {})).not.toContain('number');
    // the tagger's wrong spans are the parse's errors too
    const wrong = await evaluateNlu(model, data);
    expect(wrong.parsed_entity_evaluation?.f1_score).toBeCloseTo(4 / 7, 10);
  });

  it('judges a pretrained extractor only on the types it produces, and skips it when none are annotated', async () => {
    const duck = (entity: string, start: number, end: number): Entity => ({ entity, start, end, value: 1, extractor: 'DucklingEntityExtractor' });
    const withNumbers: NluTrainingData = { ...emptyNluData(), examples: [
      { text: 'two pizzas', intent: 'order', entities: [{ entity: 'number', start: 0, end: 3, value: 'two' }, { entity: 'food', start: 4, end: 10, value: 'pizzas' }] },
    ] };
    const m = fakeModel({ 'two pizzas': { intent: 'order', confidence: 1, entities: [duck('number', 0, 3)] } });
    const ev = await evaluateNlu(m, withNumbers);
    expect(ev.entity_evaluation.DucklingEntityExtractor?.f1_score).toBe(1);
    expect(Object.keys(ev.entity_evaluation.DucklingEntityExtractor?.report ?? {})).not.toContain('food');
    const noNumbers: NluTrainingData = { ...emptyNluData(), examples: [{ text: 'two pizzas', intent: 'order', entities: [] }] };
    expect((await evaluateNlu(m, noNumbers)).entity_evaluation).toEqual({});
  });

  it('scores roles and groups as part of the label, as Rasa does (quantity#more); pretrained extractors on the type', async () => {
    const roleData: NluTrainingData = { ...emptyNluData(), examples: [
      { text: 'two more', intent: 'change', entities: [{ entity: 'quantity', start: 0, end: 3, value: 'two', role: 'more' }] },
      { text: 'one fewer', intent: 'change', entities: [{ entity: 'quantity', start: 0, end: 3, value: 'one', role: 'fewer' }] },
      { text: 'make it 3', intent: 'change', entities: [{ entity: 'quantity', start: 8, end: 9, value: '3' }] },
    ] };
    const m = fakeModel({
      'two more': { intent: 'change', confidence: 1, entities: [{ ...diet('quantity', 0, 3), role: 'more' }] },
      'one fewer': { intent: 'change', confidence: 1, entities: [{ ...diet('quantity', 0, 3), role: 'more' }] },
      'make it 3': { intent: 'change', confidence: 1, entities: [diet('quantity', 8, 9), { entity: 'quantity', start: 8, end: 9, value: 3, extractor: 'DucklingEntityExtractor' }] },
    });
    const ev = await evaluateNlu(m, roleData);
    const report = ev.entity_evaluation.DIETClassifier?.report ?? {};
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['quantity', 'quantity#more', 'quantity#fewer']));
    expect(report['quantity#more']).toMatchObject({ precision: 0.5, recall: 1 });
    expect(report['quantity#fewer']).toMatchObject({ recall: 0 });
    expect(ev.entity_evaluation.DIETClassifier?.errors.map((e) => e.text)).toEqual(['one fewer']);
    // Duckling's quantity is judged on its type only
    expect(ev.entity_evaluation.DucklingEntityExtractor?.report['quantity']).toMatchObject({ precision: 1, recall: 1 / 3 });
  });
});
