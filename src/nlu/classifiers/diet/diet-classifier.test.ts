import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type AnnotatedEntity, type ComponentConfig, type NluTrainingData } from '../../../core/index.js';
import { loadNlu } from '../../load-nlu.js';
import { trainNlu } from '../../train-nlu.js';
import { inputBitsFor } from './intent/mlp-model.js';
import { EntityHead, RESTRICT_FROM, TYPES_COVER, type EntityHeadData } from './tagging/entity-head.js';

/** `[text](entity)` and `[text]{"entity": .., "role": ..}` annotations, as in Rasa's NLU data. */
function example(intent: string, annotated: string): { text: string; intent: string; entities: AnnotatedEntity[] } {
  const entities: AnnotatedEntity[] = [];
  let text = '';
  const re = /\[([^\]]+)\](?:\(([^)]+)\)|\{([^}]+)\})/g;
  let last = 0;
  for (const m of annotated.matchAll(re)) {
    text += annotated.slice(last, m.index);
    const start = text.length;
    text += m[1] ?? '';
    const attrs = m[2] !== undefined ? { entity: m[2] } : (JSON.parse(`{${m[3] ?? ''}}`) as { entity: string; role?: string; group?: string });
    entities.push({ ...attrs, start, end: text.length, value: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  return { text: text + annotated.slice(last), intent, entities };
}

function data(rows: [string, string][]): NluTrainingData {
  const d = emptyNluData();
  d.examples = rows.map(([intent, t]) => example(intent, t));
  return d;
}

const pipeline = (language: string, diet: Record<string, unknown> = {}): ComponentConfig[] => [
  { name: language === 'zh' ? 'JiebaTokenizer' : 'WhitespaceTokenizer' },
  { name: 'CountVectorsFeaturizer' },
  { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 3 },
  { name: 'DIETClassifier', epochs: 30, entity_epochs: 20, ...diet },
];

const train = (language: string, d: NluTrainingData, diet: Record<string, unknown> = {}) =>
  trainNlu({ language, pipeline: pipeline(language, diet), policies: [] }, d, emptyDomain(), { seed: 7 });

const ZH: [string, string][] = [];
for (const [n, meal] of [['两份', '牛肉套餐'], ['三份', '鸡腿套餐'], ['一份', '素食套餐'], ['五份', '鱼香肉丝'], ['四份', '宫保鸡丁'], ['十份', '牛肉套餐']] as const) {
  ZH.push(['order', `我要[${n}](quantity)[${meal}](meal)`], ['order', `来[${n}](quantity)[${meal}](meal)吧`], ['order', `麻烦给我[${meal}](meal)，[${n}](quantity)`]);
}
for (const addr of ['广州市天河区体育西路191号', '北京市海淀区中关村大街1号', '上海市浦东新区世纪大道100号', '深圳市南山区科技园8号']) {
  ZH.push(['inform', `送到[${addr}](address)`], ['inform', `地址是[${addr}](address)`], ['inform', `[${addr}](address)`]);
}

const EN: [string, string][] = [];
for (const city of ['berlin', 'london', 'paris', 'new york', 'tokyo', 'madrid']) {
  for (const other of ['rome', 'oslo', 'boston']) {
    EN.push(['book_flight', `fly from [${city}]{"entity": "city", "role": "departure"} to [${other}]{"entity": "city", "role": "destination"}`]);
    EN.push(['book_flight', `a flight to [${other}]{"entity": "city", "role": "destination"} from [${city}]{"entity": "city", "role": "departure"} please`]);
  }
  EN.push(['weather', `what is the weather in [${city}](city)`]);
}

describe('DIETClassifier', () => {
  it('learns Chinese entities with exact spans, including spans that cut through jieba words', async () => {
    const model = await train('zh', data(ZH));
    const p = await model.parse('我要两份宫保鸡丁');
    expect(p.intent?.name).toBe('order');
    const ents = p.entities.map((e) => [e.entity, e.value, e.start, e.end, e.extractor]);
    expect(ents).toContainEqual(['quantity', '两份', 2, 4, 'DIETClassifier']);
    expect(ents).toContainEqual(['meal', '宫保鸡丁', 4, 8, 'DIETClassifier']);
    const a = await model.parse('送到广州市天河区体育西路191号');
    expect(a.entities.map((e) => [e.entity, e.value])).toEqual([['address', '广州市天河区体育西路191号']]);
    for (const e of [...p.entities, ...a.entities]) expect(e.confidence_entity).toBeGreaterThan(0.5);
  });

  it('learns English entities and their roles', async () => {
    const model = await train('en', data(EN));
    const p = await model.parse('fly from paris to oslo');
    expect(p.intent?.name).toBe('book_flight');
    expect(p.entities.map((e) => [e.entity, e.value, e.start, e.end, e.role])).toEqual([
      ['city', 'paris', 9, 14, 'departure'],
      ['city', 'oslo', 18, 22, 'destination'],
    ]);
    expect(p.entities[0]?.confidence_role).toBeGreaterThan(0.5);
    const w = await model.parse('what is the weather in tokyo');
    expect(w.entities.map((e) => [e.entity, e.value, e.role])).toEqual([['city', 'tokyo', undefined]]);
  });

  it('is deterministic for a seed, and a persisted model loads to identical answers', async () => {
    const d = data(EN);
    const a = await train('en', d);
    const b = await train('en', d);
    expect(a.fingerprint).toBe(b.fingerprint);
    const loaded = loadNlu(JSON.parse(JSON.stringify(a.persist())) as ReturnType<typeof a.persist>, emptyDomain());
    for (const text of ['fly from berlin to rome', 'weather in madrid', 'hello there']) {
      expect(await loaded.parse(text)).toEqual(await a.parse(text));
    }
    const other = await trainNlu({ language: 'en', pipeline: pipeline('en', { random_seed: 99 }), policies: [] }, d, emptyDomain(), { seed: 7 });
    expect(other.fingerprint).not.toBe(a.fingerprint);
  });

  it('predicts multi-intent labels (a+b) as one intent', async () => {
    const d = data([
      ...['hi', 'hello', 'hey there', 'good morning'].map((t): [string, string] => ['greet', t]),
      ...['what is the weather', 'is it raining', 'weather forecast please', 'will it be sunny'].map((t): [string, string] => ['ask_weather', t]),
      ...['hi what is the weather', 'hello is it raining', 'hey weather forecast please', 'good morning will it be sunny'].map((t): [string, string] => ['greet+ask_weather', t]),
    ]);
    const model = await train('en', d, { epochs: 60 });
    expect((await model.parse('hello what is the weather'))?.intent?.name).toBe('greet+ask_weather');
    expect((await model.parse('good morning'))?.intent?.name).toBe('greet');
  });

  it('accepts Rasa DIET options it does not use, and can run as a linear model', async () => {
    const model = await train('en', data(EN), { hidden_layers_sizes: { text: [] }, constrain_similarities: true, transformer_size: 256, entity_recognition: false });
    const p = await model.parse('fly from paris to oslo');
    expect(p.intent?.name).toBe('book_flight');
    expect(p.entities).toEqual([]);
  });

  it('with gazetteer features, tags a known value in a context never seen with it, and persists the values', async () => {
    const d = data(EN);
    const plain = await train('en', d, { entity_gazetteer_folds: 0 });
    expect((await plain.parse('tokyo')).entities).toEqual([]);
    const model = await train('en', d);
    expect((await model.parse('tokyo')).entities.map((e) => [e.entity, e.value])).toEqual([['city', 'tokyo']]);
    const loaded = loadNlu(JSON.parse(JSON.stringify(model.persist())) as ReturnType<typeof model.persist>, emptyDomain());
    for (const text of ['tokyo', 'new york and boston are nice']) expect(await loaded.parse(text)).toEqual(await model.parse(text));
    await expect(train('en', d, { entity_gazetteer_folds: 1 })).rejects.toThrow(/entity_gazetteer_folds/);
  });

  it('merges an intent ensemble into one network', async () => {
    const d = data(EN);
    const model = await train('en', d, { intent_ensemble_size: 3, hidden_layers_sizes: { text: [8] } });
    const state = JSON.stringify(model.persist());
    expect(state).toContain('"hidden":24');
    expect((await model.parse('fly from paris to oslo')).intent?.name).toBe('book_flight');
    expect((await model.parse('what is the weather in rome')).intent?.name).toBe('weather');
    const again = await train('en', d, { intent_ensemble_size: 3, hidden_layers_sizes: { text: [8] } });
    expect(again.fingerprint).toBe(model.fingerprint);
  });

  it('stores the input matrix at 4 bits when asked: half the bytes of 8, the same answers here, and reloads as trained', async () => {
    const d = data(EN);
    const int8 = await train('en', d, { input_layer_bits: 8 });
    const int4 = await train('en', d, { input_layer_bits: 4 });
    const w1 = (m: typeof int8): { bits?: number; values: unknown } => {
      const diet = (JSON.parse(JSON.stringify(m.persist())) as { components: { name: string; state: { intent: { model: { w1: { bits?: number; values: unknown } } } } }[] })
        .components.find((c) => c.name.startsWith('DIETClassifier'));
      return diet?.state.intent.model.w1 ?? { values: '' };
    };
    expect(w1(int8).bits).toBeUndefined();
    expect(w1(int4).bits).toBe(4);
    // auto: a model this small keeps 8 bits (inputBitsFor: 4 from a 4 MB matrix)
    expect(w1(await train('en', d)).bits).toBeUndefined();
    expect([inputBitsFor('auto', 16_383, 256), inputBitsFor('auto', 16_384, 256), inputBitsFor(8, 1e6, 256), inputBitsFor(4, 1, 16)]).toEqual([8, 4, 8, 4]);
    const bytes = (v: unknown): number => Buffer.from(String(v), 'base64').length;
    expect(bytes(w1(int4).values) * 2).toBe(bytes(w1(int8).values));
    const loaded = loadNlu(JSON.parse(JSON.stringify(int4.persist())) as ReturnType<typeof int4.persist>, emptyDomain());
    for (const text of ['fly from paris to oslo', 'what is the weather in rome', 'book me a flight to berlin']) {
      const [a, b] = [await int8.parse(text), await int4.parse(text)];
      expect(b.intent?.name).toBe(a.intent?.name);
      expect(Math.abs((b.intent?.confidence ?? 0) - (a.intent?.confidence ?? 0))).toBeLessThan(0.05);
      expect(await loaded.parse(text)).toEqual(b);
    }
    await expect(train('en', d, { input_layer_bits: 2 })).rejects.toThrow(/input_layer_bits/);
  });

  it('tags a message only with the entity types its intent was annotated with (entity_types_by_intent)', async () => {
    const rows: [string, string][] = [];
    for (const city of ['berlin', 'london', 'paris', 'new york', 'tokyo', 'madrid']) {
      rows.push(['weather', `what is the weather in [${city}](city)`], ['weather', `weather for [${city}](city) please`], ['weather', `is it raining in [${city}](city)`]);
    }
    for (const t of ['thanks', 'thank you', 'thanks a lot', 'many thanks', 'thank you so much', 'cheers thanks']) rows.push(['thanks', t]);
    const d = data(rows);
    const texts = ['thank you london', 'thanks, berlin', 'many thanks from tokyo'];
    const on = await train('en', d);
    const off = await train('en', d, { entity_types_by_intent: false });
    const loaded = loadNlu(JSON.parse(JSON.stringify(on.persist())) as ReturnType<typeof on.persist>, emptyDomain());
    let offFound = 0;
    for (const text of texts) {
      const p = await on.parse(text);
      expect(p.intent?.name).toBe('thanks');
      expect(p.entities).toEqual([]);
      expect(await loaded.parse(text)).toEqual(p);
      offFound += (await off.parse(text)).entities.length;
    }
    // without the restriction the tagger finds cities in these thanks: the test can tell the two apart
    expect(offFound).toBeGreaterThan(0);
    // the flag changes decoding only (same weights): an unsure intent is tagged with every type
    const persisted = on.persist().components.find((c) => c.component === 'DIETClassifier')?.state as { entities: EntityHeadData };
    const head = EntityHead.fromData(persisted.entities);
    for (const text of texts) {
      const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
      const unrestricted = (await off.parse(text)).entities.map((e) => [e.entity, e.start, e.end]);
      expect(head.extract(text, tokens, 'thanks', RESTRICT_FROM - 0.01).map((e) => [e.entity, e.start, e.end])).toEqual(unrestricted);
      expect(head.extract(text, tokens, 'thanks', RESTRICT_FROM)).toEqual([]);
      // a runner-up intent needed to reach TYPES_COVER brings its types back; one past it does not
      const runnerUp = TYPES_COVER - RESTRICT_FROM;
      expect(head.extract(text, tokens, 'thanks', RESTRICT_FROM, [{ name: 'thanks', confidence: RESTRICT_FROM }, { name: 'weather', confidence: runnerUp }]).map((e) => [e.entity, e.start, e.end])).toEqual(unrestricted);
      expect(head.extract(text, tokens, 'thanks', TYPES_COVER, [{ name: 'thanks', confidence: TYPES_COVER }, { name: 'weather', confidence: 1 - TYPES_COVER }])).toEqual([]);
    }
    expect((await on.parse('weather in paris')).entities.map((e) => [e.entity, e.value])).toEqual([['city', 'paris']]);

    // a model whose list names a type the tagger does not have is refused, not half-loaded
    const state = JSON.parse(JSON.stringify(on.persist())) as { components: { component: string; state: { entities: { intentTypes: Record<string, number[]> } } }[] };
    const diet = state.components.find((c) => c.component === 'DIETClassifier');
    if (!diet) throw new Error('no DIETClassifier in the model');
    diet.state.entities.intentTypes.weather = [3];
    expect(() => loadNlu(state as unknown as ReturnType<typeof on.persist>, emptyDomain())).toThrow(/entity types of intent 'weather'/);
  });
});
