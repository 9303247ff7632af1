import { describe, expect, it } from 'vitest';
import { emptyNluData, type Entity } from '../core/index.js';
import { chineseScriptOf, foldTrainingData, restoreWrittenValues, writtenForms } from './chinese-script-fold.js';

describe('the Chinese script fold of training data and parses', () => {
  const data = {
    ...emptyNluData(),
    examples: [{ text: '來兩份雞腿套餐', intent: 'order', entities: [
      { entity: 'meal', start: 3, end: 7, value: '雞腿套餐' },
      { entity: 'quantity', start: 1, end: 3, value: '2' },
    ] }],
    synonyms: { 雞腿飯: '雞腿套餐' },
    regexes: [{ name: 'meal', pattern: '雞腿|牛肉' }],
    lookups: [{ name: 'meal', elements: ['牛肉麵'] }],
  };

  it('folds texts, surface values, synonyms\' surfaces, patterns and lookups, keeping the values a synonym or annotation names', () => {
    const folded = foldTrainingData(data);
    expect(folded.examples[0]?.text).toBe('来两份鸡腿套餐');
    expect(folded.examples[0]?.entities.map((e) => e.value)).toEqual(['鸡腿套餐', '2']);
    expect(folded.synonyms).toEqual({ 鸡腿饭: '雞腿套餐' });
    expect(folded.regexes[0]?.pattern).toBe('鸡腿|牛肉');
    expect(folded.lookups[0]?.elements).toEqual(['牛肉面']);
    expect(writtenForms(data)).toEqual({ 鸡腿套餐: '雞腿套餐', 牛肉面: '牛肉麵' });
  });

  it('gives back the training data\'s writing of a value, else the user\'s, and leaves values a component changed', () => {
    const original = '我要两份鸡腿套餐和鱼香肉丝，电话一三八';
    const folded = original;
    const entities: Entity[] = [
      { entity: 'meal', start: 4, end: 8, value: '鸡腿套餐' },
      { entity: 'meal', start: 9, end: 13, value: '鱼香肉丝', text: '鱼香肉丝' },
      { entity: 'phone', start: 16, end: 19, value: '138', text: '一三八' },
      { entity: 'quantity', value: 2 },
    ];
    restoreWrittenValues(entities, folded, original, { 鸡腿套餐: '雞腿套餐' });
    expect(entities.map((e) => e.value)).toEqual(['雞腿套餐', '鱼香肉丝', '138', 2]);
    const traditional = '我要兩份雞腿套餐';
    const mine: Entity[] = [{ entity: 'meal', start: 4, end: 8, value: '鸡腿套餐' }, { entity: 'quantity', start: 2, end: 4, value: '两份', text: '两份' }];
    restoreWrittenValues(mine, '我要两份鸡腿套餐', traditional, {});
    expect(mine.map((e) => [e.value, e.text])).toEqual([['雞腿套餐', undefined], ['兩份', '兩份']]);
    // full-width digits come back as the ASCII a normaliser writes too; the surface stays as typed
    const typed = '手機１３８１２３４５６７８';
    const phone: Entity[] = [{ entity: 'phone', start: 2, end: 13, value: '13812345678', text: '13812345678' }];
    restoreWrittenValues(phone, '手机13812345678', typed, {});
    expect(phone.map((e) => [e.value, e.text])).toEqual([['13812345678', '１３８１２３４５６７８']]);
  });

  it('is on for Chinese models unless the config says as_written, off for others', () => {
    expect(chineseScriptOf({ language: 'zh' })).toBe('simplified');
    expect(chineseScriptOf({ language: 'zh_TW' })).toBe('simplified');
    expect(chineseScriptOf({ language: 'zh', chineseScript: 'as_written' })).toBe('as_written');
    expect(chineseScriptOf({ language: 'en' })).toBe('as_written');
  });
});
