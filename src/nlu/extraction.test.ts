import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type Domain, type NluTrainingData } from '../core/index.js';
import { trainNlu } from './index.js';

function domain(intents: string[], entities: string[]): Domain {
  const d = emptyDomain();
  d.intents = intents.map((name) => ({ name, useEntities: true, ignoreEntities: [] }));
  d.entities = entities.map((name) => ({ name, roles: [], groups: [] }));
  return d;
}

const PIPELINE = [{ name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'DIETClassifier' }, { name: 'RegexEntityExtractor' }, { name: 'EntitySynonymMapper' }];

describe('regex, lookup and synonym extraction', () => {
  const EN: NluTrainingData = {
    ...emptyNluData(),
    examples: [
      { text: 'my account number is 1234567890', intent: 'inform', entities: [{ entity: 'account_number', start: 21, end: 31, value: '1234567890' }] },
      { text: 'i bank with Bank of America', intent: 'inform', entities: [{ entity: 'bank', start: 12, end: 27, value: 'Bank of America' }] },
      { text: 'use my credit card account', intent: 'inform', entities: [{ entity: 'account', start: 7, end: 26, value: 'credit' }] },
      { text: 'hello', intent: 'greet', entities: [] },
    ],
    regexes: [{ name: 'account_number', pattern: '\\d{10,12}' }, { name: 'not_an_entity', pattern: 'hello' }],
    lookups: [{ name: 'bank', elements: ['JPMC', 'Bank of America', 'Bank'] }],
    synonyms: { jpmc: 'JP Morgan Chase' },
  };

  it('extracts regex and lookup entities with offsets into the original text, mapping synonyms', async () => {
    const model = await trainNlu({ language: 'en', pipeline: PIPELINE, policies: [] }, EN, domain(['inform', 'greet'], ['account_number', 'bank', 'account']));
    const text = 'Move money from jpmc to bank of america, account 98765432101';
    const parsed = await model.parse(text);
    expect(parsed.entities).toEqual([
      { entity: 'bank', start: 16, end: 20, value: 'JP Morgan Chase', extractor: 'RegexEntityExtractor', processors: ['EntitySynonymMapper'] },
      { entity: 'bank', start: 24, end: 39, value: 'bank of america', extractor: 'RegexEntityExtractor' },
      { entity: 'account_number', start: 49, end: 60, value: '98765432101', extractor: 'RegexEntityExtractor' },
    ]);
  });

  it('respects word boundaries in English and case_sensitive', async () => {
    const model = await trainNlu({ language: 'en', pipeline: [...PIPELINE.slice(0, 3), { name: 'RegexEntityExtractor', case_sensitive: true }], policies: [] }, EN, domain(['inform', 'greet'], ['bank']));
    expect((await model.parse('the Bankers met')).entities).toEqual([]);
    expect((await model.parse('jpmc and JPMC')).entities.map((e) => e.start)).toEqual([9]);
  });

  it('maps annotated synonyms (value differs from the surface text)', async () => {
    const data: NluTrainingData = { ...EN, lookups: [{ name: 'account', elements: ['credit card account', 'savings'] }] };
    const model = await trainNlu({ language: 'en', pipeline: PIPELINE, policies: [] }, data, domain(['inform', 'greet'], ['account']));
    const [entity] = (await model.parse('check my Credit Card Account')).entities;
    expect(entity).toMatchObject({ entity: 'account', start: 9, end: 28, value: 'credit', processors: ['EntitySynonymMapper'] });
  });

  it('matches inside Chinese text without word boundaries, longest element first', async () => {
    const data: NluTrainingData = {
      ...emptyNluData(),
      examples: [
        { text: '我要牛肉套餐', intent: 'order', entities: [{ entity: 'dish', start: 2, end: 6, value: '牛肉套餐' }] },
        { text: '你好', intent: 'greet', entities: [] },
      ],
      lookups: [{ name: 'dish', elements: ['牛肉', '牛肉套餐', '可乐'] }],
      regexes: [{ name: 'phone', pattern: '1[3-9]\\d{9}' }],
      synonyms: { 可口可乐: '可乐' },
    };
    const pipeline = [{ name: 'JiebaTokenizer' }, ...PIPELINE.slice(1)];
    const model = await trainNlu({ language: 'zh', pipeline, policies: [] }, data, domain(['order', 'greet'], ['dish', 'phone']));
    const text = '来个牛肉套餐和可乐，电话13812345678';
    expect((await model.parse(text)).entities.map((e) => [e.entity, text.slice(e.start, e.end), e.value])).toEqual([
      ['dish', '牛肉套餐', '牛肉套餐'], ['dish', '可乐', '可乐'], ['phone', '13812345678', '13812345678'],
    ]);
  });
});

describe('ResponseSelector', () => {
  const data: NluTrainingData = {
    ...emptyNluData(),
    examples: [
      ...['what is your name', 'who are you', 'tell me your name', 'what should i call you'].map((text) => ({ text, intent: 'chitchat/ask_name', entities: [] })),
      ...['how is the weather', 'is it raining', 'is it sunny today', 'what is the weather like'].map((text) => ({ text, intent: 'chitchat/ask_weather', entities: [] })),
      ...['hello', 'hi there', 'good morning', 'hey'].map((text) => ({ text, intent: 'greet', entities: [] })),
    ],
    responses: { 'utter_chitchat/ask_weather': [{ text: 'Always sunny here' }] },
  };
  const dom = domain(['chitchat', 'greet'], []);
  dom.responses['utter_chitchat/ask_name'] = [{ text: "I'm Sara" }];
  const pipeline = [{ name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'DIETClassifier' }, { name: 'ResponseSelector', retrieval_intent: 'chitchat' }];

  it('classifies the base intent and fills response_selector in Rasa shape', async () => {
    const model = await trainNlu({ language: 'en', pipeline, policies: [] }, data, dom);
    const parsed = await model.parse('what is your name please');
    expect(parsed.intent).toMatchObject({ name: 'chitchat', full_retrieval_intent_name: 'chitchat/ask_name' });
    const selector = parsed.response_selector as Record<string, { response: Record<string, unknown>; ranking: Record<string, unknown>[] }>;
    expect(selector['all_retrieval_intents']).toEqual(['chitchat']);
    const chitchat = selector['chitchat'];
    expect(chitchat?.response).toEqual({
      responses: [{ text: "I'm Sara" }], confidence: expect.any(Number), intent_response_key: 'chitchat/ask_name', utter_action: 'utter_chitchat/ask_name',
    });
    expect(chitchat?.ranking[0]).toEqual({ id: expect.any(Number), confidence: chitchat?.response['confidence'], intent_response_key: 'chitchat/ask_name' });
    expect(chitchat?.ranking.map((r) => r['intent_response_key']).sort()).toEqual(['chitchat/ask_name', 'chitchat/ask_weather']);
  });

  it('uses responses from the NLU files when the domain has none, and the default key without retrieval_intent', async () => {
    const model = await trainNlu({ language: 'en', pipeline: [...pipeline.slice(0, 3), { name: 'ResponseSelector' }], policies: [] }, data, dom);
    const parsed = await model.parse('is it raining today');
    const selector = parsed.response_selector as Record<string, { response: Record<string, unknown> }>;
    expect(selector['default']?.response['responses']).toEqual([{ text: 'Always sunny here' }]);
    expect(parsed.intent?.full_retrieval_intent_name).toBe('chitchat/ask_weather');
    const greet = await model.parse('hello');
    expect(greet.intent?.name).toBe('greet');
    expect(greet.intent?.full_retrieval_intent_name).toBeUndefined();
  });
});

describe('KeywordIntentClassifier', () => {
  it('matches whole keywords in English and substrings in Chinese', async () => {
    const data: NluTrainingData = { ...emptyNluData(), examples: [{ text: 'hi', intent: 'greet', entities: [] }, { text: '再见', intent: 'bye', entities: [] }, { text: 'hi', intent: 'other', entities: [] }, { text: 'hello', intent: 'greet', entities: [] }] };
    const model = await trainNlu({ language: 'en', pipeline: [{ name: 'KeywordIntentClassifier', case_sensitive: false }], policies: [] }, data, domain(['greet', 'bye', 'other'], []));
    expect((await model.parse('Hello there')).intent).toEqual({ name: 'greet', confidence: 1 });
    expect((await model.parse('好的再见了')).intent?.name).toBe('bye');
    expect((await model.parse('hi there')).intent).toBeNull(); // "hi" belongs to two intents: ambiguous, dropped
    expect((await model.parse('othello')).intent).toBeNull();
  });
});
