import { describe, expect, it } from 'vitest';
import { parseChineseNumeral as chineseNumeral } from '../core/index.js';
import { numbersIn } from './numbers.js';
import type { GuardInput } from './rephrase-guard.js';
import { guardRephrasing } from './rephrase-guard.js';

const rules = { maxLengthRatio: 2.5, bannedPhrases: ['优惠券'], slotKeywords: { phone: ['手机', '电话'] } };
const base: GuardInput = {
  template: '好的，两份牛肉套餐。请留一个手机号，方便骑手联系您。',
  candidate: '',
  slots: { meal: '牛肉套餐', quantity: 2, phone: null, requested_slot: 'phone' },
  askedSlot: 'phone',
  formActive: true,
};
const verdict = (candidate: string, extra: Partial<GuardInput> = {}) => guardRephrasing({ ...base, candidate, ...extra }, rules);

describe('numbers', () => {
  it('reads Chinese numerals before measure words and Arabic numbers', () => {
    expect(chineseNumeral('二十三')).toBe(23);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(chineseNumeral('两')).toBe(2);
    expect([...numbersIn('两份套餐，共3杯，电话13812345678')]).toEqual(['3', '13812345678', '2']);
    expect([...numbersIn('请留一个手机号，稍等一下')]).toEqual([]);
    expect([...numbersIn('２.0份')]).toEqual(['2']);
  });
});

describe('guardRephrasing', () => {
  it('accepts a faithful rewording that keeps the quantity and still asks', () => {
    expect(verdict('两份牛肉套餐记下啦～麻烦留个手机号，骑手好联系您？')).toEqual({ ok: true });
    expect(verdict('牛肉套餐2份收到！您的电话是多少')).toEqual({ ok: true });
  });

  it('rejects a text that drops a number or a slot value of the template', () => {
    expect(verdict('牛肉套餐收到！您的手机号是多少？')).toMatchObject({ ok: false, reason: 'dropped_value', detail: '2' });
    expect(verdict('两份收到！您的手机号是多少？')).toMatchObject({ ok: false, reason: 'dropped_value', detail: '牛肉套餐' });
  });

  it('rejects a text that stops asking for the requested slot', () => {
    expect(verdict('好嘞，两份牛肉套餐马上安排。')).toMatchObject({ ok: false, reason: 'stopped_asking' });
    expect(verdict('好嘞，两份牛肉套餐马上安排。', { askedSlot: null })).toEqual({ ok: true });
  });

  it('rejects goodbyes while a form is active, unless the template says it too', () => {
    expect(verdict('两份牛肉套餐，手机号告诉我吗？拜拜～')).toMatchObject({ ok: false, reason: 'goodbye_in_form', detail: '拜拜' });
    expect(verdict('两份牛肉套餐，手机号呢? Bye!')).toMatchObject({ ok: false, reason: 'goodbye_in_form' });
    expect(verdict('两份牛肉套餐，手机号呢？拜拜', { formActive: false })).toEqual({ ok: true });
    expect(verdict('好的再见', { template: '好的，再见', askedSlot: null, slots: {} })).toEqual({ ok: true });
  });

  it('rejects texts that are too long, contain banned phrases, add numbers, or are empty', () => {
    expect(verdict('两份牛肉套餐'.repeat(12) + '手机号呢？')).toMatchObject({ reason: 'too_long' });
    expect(verdict('两份牛肉套餐，送您一张优惠券，手机号呢？')).toMatchObject({ reason: 'banned_phrase', detail: '优惠券' });
    expect(verdict('两份牛肉套餐共64元，手机号呢？')).toMatchObject({ reason: 'added_number', detail: '64' });
    expect(verdict('   ')).toMatchObject({ reason: 'empty' });
  });

  it('keeps a phone number the template contains', () => {
    const template = '订单电话：13812345678，对吗？';
    expect(verdict('您留的电话是13812345678，没错吧？', { template, askedSlot: null })).toEqual({ ok: true });
    expect(verdict('您留的电话没错吧？', { template, askedSlot: null, slots: {} })).toMatchObject({ reason: 'dropped_value', detail: '13812345678' });
  });
});
