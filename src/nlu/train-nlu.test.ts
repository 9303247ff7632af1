import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type Domain, type ModelConfig, type NluExample, type NluTrainingData } from '../core/index.js';
import { isParleyError } from '../errors.js';
import { loadNlu, MAX_PARSED_CHARS, trainNlu } from './index.js';

const ex = (intent: string, texts: string[]): NluExample[] => texts.map((text) => ({ text, intent, entities: [] }));

function domainFor(data: NluTrainingData): Domain {
  const d = emptyDomain();
  d.intents = [...new Set(data.examples.map((e) => e.intent.split('/')[0] as string))].map((name) => ({ name, useEntities: true, ignoreEntities: [] }));
  return d;
}

const EN: NluTrainingData = {
  ...emptyNluData(),
  examples: [
    ...ex('greet', ['hello', 'hi there', 'hey', 'good morning', 'hello friend', 'hi', 'good evening', 'hey there bot']),
    ...ex('goodbye', ['bye', 'goodbye', 'see you later', 'bye bye', 'see you soon', 'talk to you later', 'goodbye for now', 'cya']),
    ...ex('order_food', ['i want a pizza', 'can i order a burger', 'i would like to order food', 'get me some sushi', 'order a large pizza', 'i want to order noodles', 'one burger please', 'i am hungry, order food']),
    ...ex('ask_weather', ['what is the weather like', 'will it rain today', 'is it sunny outside', 'weather forecast please', 'how hot is it today', 'is it going to snow', 'do i need an umbrella', 'what is the temperature']),
    ...ex('thank', ['thanks', 'thank you', 'thanks a lot', 'many thanks', 'thank you so much', 'cheers, thanks', 'much appreciated', 'thx']),
  ],
};
const EN_HELD_OUT: [string, string][] = [
  ['hello there', 'greet'], ['hey, good morning', 'greet'], ['bye, see you', 'goodbye'], ['see you tomorrow, goodbye', 'goodbye'],
  ['i want to order a pizza', 'order_food'], ['can i get a burger', 'order_food'], ['will it rain tomorrow', 'ask_weather'],
  ['what is the weather today', 'ask_weather'], ['thank you very much', 'thank'], ['thanks so much', 'thank'],
];

const ZH: NluTrainingData = {
  ...emptyNluData(),
  examples: [
    ...ex('greet', ['你好', '您好', '嗨', '早上好', '你好啊', '晚上好', '哈喽', '你好呀机器人']),
    ...ex('goodbye', ['再见', '拜拜', '下次见', '再会', '我先走了再见', '回头见', '拜拜啦', '明天见']),
    ...ex('order', ['我要点餐', '我想点一份牛肉面', '来一份宫保鸡丁', '我要一杯可乐', '给我来两个汉堡', '我想订餐', '帮我点一份炒饭', '我要买一份套餐']),
    ...ex('ask_price', ['多少钱', '这个多少钱', '价格是多少', '牛肉面多少钱', '可乐怎么卖', '套餐什么价格', '一共多少钱', '汉堡贵不贵']),
    ...ex('thank', ['谢谢', '多谢', '谢谢你', '非常感谢', '感谢', '太感谢了', '谢啦', '谢谢你的帮助']),
  ],
};
const ZH_HELD_OUT: [string, string][] = [
  ['你好呀', 'greet'], ['早上好啊', 'greet'], ['再见啦', 'goodbye'], ['拜拜下次见', 'goodbye'], ['我想点一份炒面', 'order'],
  ['来一杯可乐', 'order'], ['炒饭多少钱', 'ask_price'], ['这个套餐价格是多少', 'ask_price'], ['谢谢啦', 'thank'], ['非常感谢你', 'thank'],
];

const config = (language: string, pipeline: ModelConfig['pipeline'] = []): ModelConfig => ({ language, pipeline, policies: [] });

async function accuracy(model: Awaited<ReturnType<typeof trainNlu>>, cases: [string, string][]): Promise<number> {
  let right = 0;
  for (const [text, intent] of cases) if ((await model.parse(text)).intent?.name === intent) right++;
  return right / cases.length;
}

describe('trainNlu: intent classification', () => {
  it('learns a small English data set (held-out phrasings)', async () => {
    const model = await trainNlu(config('en'), EN, domainFor(EN));
    expect(await accuracy(model, EN_HELD_OUT)).toBeGreaterThanOrEqual(0.9);
    const parsed = await model.parse('hello there');
    expect(parsed.intent?.name).toBe('greet');
    expect(parsed.parley?.decided_by).toBe('classifier');
    const ranking = parsed.intent_ranking ?? [];
    expect(ranking.length).toBe(5);
    expect(ranking.reduce((s, r) => s + r.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(ranking[0]).toEqual(parsed.intent);
  });

  it('learns a small Chinese data set (held-out phrasings)', async () => {
    const model = await trainNlu(config('zh'), ZH, domainFor(ZH));
    expect(await accuracy(model, ZH_HELD_OUT)).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the ranking to the top 10 intents', async () => {
    const many: NluTrainingData = { ...emptyNluData(), examples: Array.from({ length: 12 }, (_, i) => ex(`intent_${i}`, [`word${i} alpha`, `word${i} beta`, `gamma word${i}`])).flat() };
    const model = await trainNlu(config('en', [{ name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'DIETClassifier' }]), many, domainFor(many));
    const parsed = await model.parse('word3 alpha');
    expect(parsed.intent?.name).toBe('intent_3');
    expect(parsed.intent_ranking).toHaveLength(10);
  });

  it('is deterministic for a seed and reports progress', async () => {
    const progress: string[] = [];
    const a = await trainNlu(config('en'), EN, domainFor(EN), { seed: 7, onProgress: (c) => progress.push(c) });
    const b = await trainNlu(config('en'), EN, domainFor(EN), { seed: 7 });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(JSON.stringify(b.persist())).toBe(JSON.stringify(a.persist()));
    expect(progress).toContain('DIETClassifier');
    const c = await trainNlu(config('en'), EN, domainFor(EN), { seed: 8 });
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});

describe('persist and load', () => {
  it('round-trips through JSON with identical parse results, without retraining', async () => {
    const domain = domainFor(ZH);
    const model = await trainNlu(config('zh'), ZH, domain);
    const json = JSON.stringify(model.persist());
    const loaded = loadNlu(JSON.parse(json), domain);
    expect(loaded.fingerprint).toBe(model.fingerprint);
    expect(loaded.language).toBe('zh');
    for (const [text] of ZH_HELD_OUT) expect(await loaded.parse(text)).toEqual(await model.parse(text));
    expect(json).not.toMatch(/"weights":\[/); // weights are base64, not number arrays
  });

  it('rejects another format_version and malformed state with MODEL_INVALID', async () => {
    const domain = domainFor(EN);
    const data = (await trainNlu(config('en'), EN, domain)).persist();
    const check = (bad: unknown): void => {
      try {
        loadNlu(bad as typeof data, domain);
        expect.unreachable();
      } catch (e) {
        expect(isParleyError(e, 'MODEL_INVALID')).toBe(true);
      }
    };
    check({ ...data, format_version: 999 });
    // an archive from before the current format (e.g. version 2: DIET weights as float rows) is refused with the fix
    expect(() => loadNlu({ ...data, format_version: 2 }, domain)).toThrow(/retrain with `parley train`/);
    check({ ...data, components: data.components.map((c) => (c.component === 'CountVectorsFeaturizer' ? { ...c, state: null } : c)) });
  });

  it('passes message_id through and answers quickly', async () => {
    const model = await trainNlu(config('en'), EN, domainFor(EN));
    expect((await model.parse('hi', { messageId: 'm1' })).message_id).toBe('m1');
    const start = performance.now();
    for (let i = 0; i < 200; i++) await model.parse('i would like to order a pizza please');
    expect((performance.now() - start) / 200).toBeLessThan(1);
  });
});

describe('fallback and shortcut in the pipeline', () => {
  it('falls back on nonsense', async () => {
    const model = await trainNlu(config('en', [{ name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'LogisticRegressionClassifier' }, { name: 'FallbackClassifier', threshold: 0.7 }]), EN, domainFor(EN));
    const parsed = await model.parse('xqzv plorp');
    expect(parsed.intent).toEqual({ name: 'nlu_fallback', confidence: 0.7 });
    expect(parsed.intent_ranking?.[0]).toEqual({ name: 'nlu_fallback', confidence: 0.7 });
    expect(parsed.parley?.decided_by).toBe('fallback');
  });

  it('answers the shortcut before the pipeline', async () => {
    const model = await trainNlu(config('en'), EN, domainFor(EN));
    const parsed = await model.parse('/goodbye@0.4');
    expect(parsed.intent).toEqual({ name: 'goodbye', confidence: 0.4 });
    expect(parsed.parley?.decided_by).toBe('shortcut');
  });
});

describe('trainNlu: traditional and simplified Chinese read alike (chinese_script)', () => {
  const menu = (text: string, meal: string, intent = 'order'): NluExample => {
    const start = text.indexOf(meal);
    return { text, intent, entities: [{ entity: 'meal', start, end: start + meal.length, value: meal }] };
  };
  const data = (meals: readonly string[], texts: readonly string[]): NluTrainingData => ({
    ...ZH,
    examples: [
      ...ZH.examples.filter((e) => e.intent !== 'order'),
      ...texts.flatMap((t) => meals.map((m) => menu(t.replace('MEAL', m), m))),
    ],
  });
  const TEXTS = ['我要MEAL', '来一份MEAL', '给我两份MEAL', '帮我点MEAL吧', '我想吃MEAL', '订一份MEAL'];

  it('parses traditional input with a model trained in simplified: the same intent, the bot\'s own meal, the user\'s text', async () => {
    const simplified = data(['鸡腿套餐', '牛肉面'], TEXTS);
    const model = await trainNlu(config('zh'), simplified, domainFor(simplified));
    const parsed = await model.parse('我要兩份雞腿套餐');
    expect(parsed.text).toBe('我要兩份雞腿套餐');
    expect(parsed.intent?.name).toBe('order');
    expect(parsed.entities.map((e) => [e.entity, e.value, e.start, e.end])).toEqual([['meal', '鸡腿套餐', 4, 8]]);
    // a value the training data never wrote stays as the user wrote it
    for (const e of (await model.parse('我想吃魚香肉絲')).entities) expect('我想吃魚香肉絲').toContain(e.value);
    // the same after a round trip through the persisted form
    const loaded = loadNlu(model.persist(), domainFor(simplified));
    expect((await loaded.parse('我要兩份雞腿套餐')).entities.map((e) => e.value)).toEqual(['鸡腿套餐']);
  });

  it('reads full-width digits as a regex written for ASCII ones does, and gives them back as ASCII (the text keeps what the user typed)', async () => {
    const phone = (text: string): NluExample => {
      const m = /1[0-9]{10}/.exec(text) as RegExpExecArray;
      return { text, intent: 'inform', entities: [{ entity: 'phone', start: m.index, end: m.index + 11, value: m[0] }] };
    };
    const data: NluTrainingData = {
      ...ZH,
      examples: [...ZH.examples, ...['我的手机是13812345678', '电话13900001111', '打18612345678找我', '手机号15011112222'].map(phone)],
      regexes: [{ name: 'phone', pattern: '1[3-9][0-9]{9}' }],
    };
    // entities from the regex alone: the tagger's shape features read full-width digits as digits either way
    const pipeline = [{ name: 'JiebaTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'DIETClassifier', epochs: 30, entity_recognition: false }, { name: 'RegexEntityExtractor' }];
    const folded = await trainNlu(config('zh', pipeline), data, domainFor(data));
    const text = '我的手机是１３８１２３４５６７８';
    const phones = async (model: Awaited<ReturnType<typeof trainNlu>>) => (await model.parse(text)).entities.filter((e) => e.entity === 'phone').map((e) => [e.value, e.start, e.end]);
    expect(await phones(folded)).toEqual([['13812345678', 5, 16]]);
    expect((await folded.parse(text)).text).toBe(text);
    // as written, the pattern's [0-9] never matches them
    const asWritten = await trainNlu({ ...config('zh', pipeline), chineseScript: 'as_written' }, data, domainFor(data));
    expect(await phones(asWritten)).toEqual([]);
  });

  it('gives a bot written in traditional characters its own forms for simplified input', async () => {
    const traditional = data(['雞腿套餐', '牛肉麵'], TEXTS.map((t) => t.replace('来', '來').replace('给', '給').replace('点', '點').replace('订', '訂')));
    const model = await trainNlu(config('zh'), traditional, domainFor(traditional));
    const parsed = await model.parse('我要两份鸡腿套餐');
    expect(parsed.entities.map((e) => e.value)).toEqual(['雞腿套餐']);
  });

  it('reads the text as written with chinese_script: as_written, and in older models that have no chinese_script', async () => {
    const simplified = data(['鸡腿套餐', '牛肉面'], TEXTS);
    const asWritten = await trainNlu({ ...config('zh'), chineseScript: 'as_written' }, simplified, domainFor(simplified));
    expect(asWritten.persist().chinese_script).toBeUndefined();
    const folded = await trainNlu(config('zh'), simplified, domainFor(simplified));
    expect(folded.persist().chinese_script).toBe('simplified');
    const { chinese_script: _script, written_forms: _forms, ...older } = folded.persist();
    const old = loadNlu(older, domainFor(simplified));
    // without the fold 雞 is a character the model never saw: the meal is not the bot's 鸡腿套餐
    expect((await old.parse('我要兩份雞腿套餐')).entities.map((e) => e.value)).not.toContain('鸡腿套餐');
    expect((await folded.parse('我要兩份雞腿套餐')).entities.map((e) => e.value)).toContain('鸡腿套餐');
  });
});

describe('trainNlu: a very long message', () => {
  it('reads its first MAX_PARSED_CHARS characters and keeps the whole text (a pasted page cannot hold the server)', async () => {
    const meal = (text: string, m: string): NluExample => ({ text, intent: 'order', entities: [{ entity: 'meal', start: text.indexOf(m), end: text.indexOf(m) + m.length, value: m }] });
    const data: NluTrainingData = { ...ZH, examples: [...ZH.examples.filter((e) => e.intent !== 'order'), ...['鸡腿套餐', '牛肉面'].flatMap((m) => [meal(`我要${m}`, m), meal(`来一份${m}`, m), meal(`给我${m}吧`, m)])] };
    const model = await trainNlu(config('zh'), data, domainFor(data));
    const text = `${'我要鸡腿套餐，'.repeat(Math.ceil(MAX_PARSED_CHARS / 7))}我要牛肉面`;
    expect(text.length).toBeGreaterThan(MAX_PARSED_CHARS + 5);
    const parsed = await model.parse(text);
    expect(parsed.text).toBe(text);
    expect(parsed.intent?.name).toBe('order');
    const meals = parsed.entities.filter((e) => e.entity === 'meal');
    expect(meals.length).toBeGreaterThan(10);
    for (const e of meals) expect(e.end).toBeLessThanOrEqual(MAX_PARSED_CHARS);
    expect(meals.map((e) => e.value)).not.toContain('牛肉面');
  });
});

