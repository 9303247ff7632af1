import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type NluTrainingData } from '../../core/index.js';
import type { TrainingContext } from '../component.js';
import { continuesEmoji } from './emoji.js';
import { alignSegments, JiebaTokenizer, segmenterFor } from './jieba-tokenizer.js';

/** The lines of the bundled dictionary a tokenizer's model keeps. */
function bundledLinesOf(t: JiebaTokenizer): string[] {
  const text = t.persist().bundledText ?? '';
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function ctx(data: Partial<NluTrainingData>): TrainingContext {
  return { data: { ...emptyNluData(), ...data }, domain: emptyDomain(), language: 'zh', seed: 1 };
}

function trained(data: Partial<NluTrainingData>, dictionaryPath: string | null = null): JiebaTokenizer {
  const t = new JiebaTokenizer({ dictionaryPath, pattern: undefined });
  t.train(ctx(data));
  return t;
}

describe('JiebaTokenizer', () => {
  const plain = trained({});

  it('aligns token offsets with the original text and emits no whitespace or punctuation tokens', () => {
    const text = '我要 一个汉堡，  和两杯可乐 ok?';
    const tokens = plain.tokenize(text);
    expect(tokens.length).toBeGreaterThan(4);
    for (const t of tokens) {
      expect(text.slice(t.start, t.end)).toBe(t.text);
      expect(t.text.trim()).toBe(t.text);
      expect(t.text).toMatch(/[\p{L}\p{N}]/u);
    }
    expect(tokens.map((t) => t.text)).toContain('ok');
  });

  it('makes each emoji a token (👌 alone answers yes in chat), with its modifiers, at its offsets', () => {
    const text = '好的👌！谢谢👍🏽，❤️ 👨‍👩‍👧';
    const tokens = plain.tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['👌', '👍🏽', '❤️', '👨‍👩‍👧']));
    expect(tokens.map((t) => t.text)).not.toContain('！');
  });

  it('with half_width, reads full-width ASCII as ASCII, at the original offsets', () => {
    const text = '电话：１３８１２３４５６７８，ＯＫ';
    const t = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, halfWidth: true });
    t.train(ctx({}));
    const tokens = t.tokenize(text);
    expect(tokens.map((k) => k.text)).toContain('13812345678');
    expect(tokens.map((k) => k.text)).toContain('OK');
    for (const k of tokens) expect(text.slice(k.start, k.end).normalize('NFKC')).toBe(k.text.normalize('NFKC'));
    // off (the default), jieba cuts full-width digits and letters one by one
    const plain = trained({}).tokenize(text).map((k) => k.text);
    expect(plain).toContain('１');
    expect(plain).not.toContain('13812345678');
  });

  it('keeps lookup elements, annotated entity values and synonyms whole', () => {
    expect(plain.tokenize('我要牛肉套餐').map((t) => t.text)).not.toContain('牛肉套餐');
    const tok = trained({
      lookups: [{ name: 'dish', elements: ['牛肉套餐'] }],
      examples: [{ text: '来一份宫保鸡丁饭', intent: 'order', entities: [{ entity: 'dish', start: 3, end: 8, value: '宫保鸡丁饭' }] }],
      synonyms: { 冰美式咖啡: '美式' },
    });
    const words = (s: string): string[] => tok.tokenize(s).map((t) => t.text);
    expect(words('我要牛肉套餐和可乐')).toContain('牛肉套餐');
    expect(words('再来宫保鸡丁饭')).toContain('宫保鸡丁饭');
    expect(words('一杯冰美式咖啡')).toContain('冰美式咖啡');
  });

  it('gives each model its own dictionary: two models in one process do not interfere', () => {
    const a = trained({ lookups: [{ name: 'dish', elements: ['牛肉套餐'] }] });
    const b = trained({ lookups: [{ name: 'dish', elements: ['套餐和可'] }] });
    const text = '牛肉套餐和可乐';
    expect(a.tokenize(text).map((t) => t.text)).toContain('牛肉套餐');
    expect(b.tokenize(text).map((t) => t.text)).toContain('套餐和可');
    expect(b.tokenize(text).map((t) => t.text)).not.toContain('牛肉套餐');
    expect(a.tokenize(text).map((t) => t.text)).not.toContain('套餐和可');
  });

  it('reads user dictionaries from dictionary_path and restores the same dictionary from its persisted state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-jieba-'));
    writeFileSync(join(dir, 'user.txt'), '超级无敌饭 n\n');
    const tok = trained({}, dir);
    expect(tok.tokenize('我要超级无敌饭').map((t) => t.text)).toContain('超级无敌饭');
    const restored = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, state: tok.persist() });
    expect(restored.tokenize('我要超级无敌饭')).toEqual(tok.tokenize('我要超级无敌饭'));
  });

  it('reads a dictionary written in traditional characters as simplified words when the model reads text so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-jieba-'));
    writeFileSync(join(dir, 'user.txt'), '超級無敵飯 n\n');
    const folded = new JiebaTokenizer({ dictionaryPath: dir, pattern: undefined });
    folded.train({ ...ctx({}), chineseScript: 'simplified' });
    expect(folded.tokenize('我要超级无敌饭').map((t) => t.text)).toContain('超级无敌饭');
    expect(trained({}, dir).tokenize('我要超级无敌饭').map((t) => t.text)).not.toContain('超级无敌饭');
  });

  it('builds a dictionary once per set of words: models with the same words share a segmenter', () => {
    const words = { words: ['牛肉套餐'], fileLines: [] };
    expect(segmenterFor({ words: [...words.words], fileLines: [] })).toBe(segmenterFor(words));
    expect(segmenterFor({ words: ['套餐和可'], fileLines: [] })).not.toBe(segmenterFor(words));
    expect(segmenterFor({ words: [], fileLines: ['牛肉套餐 5'] })).not.toBe(segmenterFor(words));
  });

  describe('with bundled_dictionary: seen_in_training', () => {
    const examples = [
      '我想听周杰伦的歌', '明天北京的天气怎么样', '帮我订一张去上海的火车票', '播放在我小时候', '我们去爬山怎么样啊',
      '来一份宫保鸡丁和两碗米饭', '你能听懂我说的是啥吗', '查一下中关村大街附近的餐厅',
    ].map((text) => ({ text, intent: 'x', entities: [] }));
    const data = { examples, lookups: [{ name: 'dish', elements: ['牛肉套餐'] }] };
    const reduced = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, bundledWords: 'seen_in_training' });
    reduced.train(ctx(data));
    const whole = trained(data);
    const words = (t: JiebaTokenizer, s: string): string[] => t.tokenize(s).map((x) => x.text);

    it('segments every training text exactly as the whole dictionary does', () => {
      for (const { text } of examples) expect(words(reduced, text)).toEqual(words(whole, text));
      expect(words(reduced, '我要牛肉套餐')).toContain('牛肉套餐');
    });

    it('keeps only the bundled words of its texts, and the dropped words\' frequency in one entry', () => {
      const lines = bundledLinesOf(reduced);
      expect(lines.length).toBeGreaterThan(20);
      expect(lines.length).toBeLessThan(500);
      expect(lines).toContainEqual(expect.stringMatching(/^周杰伦 \d+/));
      expect(lines.some((l) => l.startsWith('鱼香肉丝 '))).toBe(false);
      const mass = lines.filter((l) => l.startsWith('\uE000'));
      expect(mass).toHaveLength(1);
      expect(Number(mass[0]?.split(' ')[1])).toBeGreaterThan(50_000_000);
      expect(whole.persist().bundledText).toBeUndefined();
    });

    it('loads a model that kept its bundled words as a list of lines (models before bundledText) the same way', () => {
      const { bundledText, ...rest } = reduced.persist();
      const asList = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, state: { ...rest, bundledLines: (bundledText ?? '').slice(0, -1).split('\n') } });
      const asText = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, state: reduced.persist() });
      for (const { text } of examples) expect(words(asList, text)).toEqual(words(asText, text));
    });

    it('keeps the most frequent bundled words too when asked', () => {
      const common = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, bundledWords: 'seen_in_training', commonWords: 1000 });
      common.train(ctx(data));
      const lines = bundledLinesOf(common);
      expect(lines.length).toBeGreaterThan(1000);
      expect(lines.length).toBeLessThan(1500);
      expect(lines.some((l) => l.startsWith('中国 '))).toBe(true);
      expect(bundledLinesOf(reduced).some((l) => l.startsWith('中国 '))).toBe(false);
      for (const { text } of examples) expect(words(common, text)).toEqual(words(whole, text));
    });

    it('restores the same reduced dictionary from its persisted state', () => {
      const restored = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, state: reduced.persist() });
      for (const s of ['我想听周杰伦的歌', '鱼香肉丝和回锅肉', '我要牛肉套餐']) expect(words(restored, s)).toEqual(words(reduced, s));
      // an unseen bundled word is no longer one token: the model has no weight for it either way
      expect(words(whole, '鱼香肉丝好吃')).toContain('鱼香肉丝');
      expect(words(restored, '鱼香肉丝好吃')).not.toContain('鱼香肉丝');
    });
  });

  it('never emits a token whose offsets disagree with the text', () => {
    expect(alignSegments('a  b', ['a', ' ', ' ', 'b'])).toEqual([{ text: 'a', start: 0, end: 1 }, { text: 'b', start: 3, end: 4 }]);
    expect(alignSegments('abc', ['x', 'c'])).toEqual([{ text: 'c', start: 2, end: 3 }]);
  });
});

describe('continuesEmoji', () => {
  it('needs no regex for a token ending in ASCII or a CJK ideograph: none of those can end an emoji', () => {
    const part = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u200D/u;
    for (let c = 0; c < 0x80; c++) expect(part.test(String.fromCharCode(c))).toBe(false);
    for (let c = 0x3400; c <= 0x9fff; c++) if (part.test(String.fromCharCode(c))) throw new Error(`U+${c.toString(16)} can end an emoji`);
    expect(continuesEmoji('好的👍', '🏽', '👍'.at(-1))).toBe(true);
    expect(continuesEmoji('好的', '🏽', '的')).toBe(false);
  });
});
