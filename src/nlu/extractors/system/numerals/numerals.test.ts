import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../../../core/index.js';
import { parseEnglishNumber, parseEnglishOrdinal } from '../../../../core/index.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['零', 0], ['〇', 0], ['一', 1], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十五', 25], ['一百', 100],
    ['一百零五', 105], ['一百一十', 110], ['一百一', 110], ['两百五', 250], ['三千五', 3500], ['三千零五十', 3050],
    ['一万二', 12000], ['一万零五百', 10500], ['十万', 100000], ['一亿两千万', 120000000], ['一亿五', 150000000],
    ['3千', 3000], ['2万5千', 25000], ['两万5000', 25000], ['一百20', 120], ['3千5', 3500], ['12万', 120000], ['1.5万', 15000], ['一点五', 1.5], ['3.14', 3.14],
    ['二〇二六', 2026], ['１２', 12], ['1,000', 1000], ['壹佰', 100], ['两千零二十六', 2026],
    ['廿', 20], ['廿三', 23], ['卅', 30], ['卅一', 31], ['卌五', 45],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['十百', '三四百', '', 'abc', '三廿', '廿十'])('rejects %j', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });
});

describe('parseEnglishNumber', () => {
  it.each([
    ['one', 1], ['twenty one', 21], ['twenty-one', 21], ['a hundred', 100], ['one hundred and five', 105],
    ['two thousand three hundred', 2300], ['a dozen', 12], ['ninety nine', 99], ['three million', 3e6],
    ['fifteen hundred', 1500], ['two dozen', 24], ['one hundred twenty three thousand four hundred and five', 123405],
    ['two million three hundred thousand', 2300000],
  ])('%s → %d', (text, value) => {
    expect(parseEnglishNumber(text)).toBe(value);
  });

  it.each(['nineteen ninety nine', 'one two', 'twenty thirty', 'five twenty', 'one hundred hundred', 'thousand million', 'two thousand thousand', 'twelve three', 'banana'])(
    'rejects %j (not one number)', (text) => {
      expect(parseEnglishNumber(text)).toBeUndefined();
    });

  it.each([['third', 3], ['first', 1], ['twenty-first', 21], ['thirtieth', 30], ['twelfth', 12]])('ordinal %s → %d', (text, value) => {
    expect(parseEnglishOrdinal(text)).toBe(value);
  });
});
