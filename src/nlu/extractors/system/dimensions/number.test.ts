import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../resolve-overlaps.js';
import { view } from '../testing.js';
import { extractNumbers } from './number.js';

const numbers = (text: string) => view(text, resolveOverlaps(extractNumbers(text)));

describe('number dimension', () => {
  it.each<[string, [string, unknown][]]>([
    ['我要两份牛肉饭', [['两', 2]]],
    ['来十二个', [['十二', 12]]],
    ['一百零五号房', [['一百零五', 105]]],
    ['预算三千五', [['三千五', 3500]]],
    ['一万二左右', [['一万二', 12000]]],
    ['3份', [['3', 3]]],
    ['1.5公斤', [['1.5', 1.5]]],
    ['3千块', [['3千', 3000]]],
    ['大概1.5万', [['1.5万', 15000]]],
    ['零下五度', [['零', 0], ['五', 5]]],
    ['二〇二六', [['二〇二六', 2026]]],
    ['１２个', [['１２', 12]]],
    ['看一下', []],
    ['我们一起去', []],
    ['万一下雨', []],
    ['快一点', []],
    ['一点五倍', [['一点五', 1.5]]],
    ['来俩汉堡', [['俩', 2]]],
    ['我们仨', [['仨', 3]]],
    ['雕虫小技和伎俩', []],
    ['来一打啤酒', [['一打', 12]]],
    ['半打鸡蛋', [['半打', 6]]],
    ['两打', [['两打', 24]]],
    ['一打开就坏了', []],
    ['我打算要两份', [['两', 2]]],
    ['一份半', [['一份半', 1.5]]],
    ['两斤半苹果', [['两斤半', 2.5]]],
    ['twenty one people', [['twenty one', 21]]],
    ['two and a half pounds', [['two and a half', 2.5]]],
    ['half a dozen eggs', [['half a dozen', 6]]],
    ['a couple of pizzas', [['a couple', 2]]],
    ['the couple left', []],
    ['3 and a half kilos', [['3 and a half', 3.5]]],
    ['a hundred and five', [['a hundred and five', 105]]],
    ['1,000 rows', [['1,000', 1000]]],
    ['it costs 5k', [['5k', 5000]]],
    ['2.5M users', [['2.5M', 2500000]]],
    // a lower-case m after a number is metres or minutes as often as millions
    ['5m away', []],
    ['-3 degrees', [['-3', -3]]],
    ['three or four', [['three', 3], ['four', 4]]],
    // words that do not compose into one number are several numbers, not their sum
    ['nineteen ninety nine', [['nineteen', 19], ['ninety nine', 99]]],
    ['5 hundred', [['5 hundred', 500]]],
    ['1.5 million', [['1.5 million', 1500000]]],
    ['3 dozen eggs', [['3 dozen', 36]]],
    // an ID longer than a double holds exactly is no number
    ['身份证110101199003071234', []],
    // neighbouring digits said together are an estimate: two or three, not 23
    ['两三份', [['两', 2], ['三', 3]]],
    ['七八个人', [['七', 7], ['八', 8]]],
    ['one two three', [['one', 1], ['two', 2], ['three', 3]]],
    ['twenty thirty and forty five', [['twenty', 20], ['thirty', 30], ['forty five', 45]]],
    ['room 12b', []],
    // a measure unit may follow a figure; a decimal is never cut to its integer part
    ['0.5kg', [['0.5', 0.5]]],
    ['要2L可乐', [['2', 2]]],
    ['0.5x', []],
    // fractions and percentages said in Chinese
    ['三分之一', [['三分之一', 1 / 3]]],
    ['打折百分之二十', [['百分之二十', 0.2]]],
    ['百分之百', [['百分之百', 1]]],
  ])('%s', (text, expected) => {
    expect(numbers(text)).toEqual(expected);
  });

  it('reports Duckling-shaped additional_info', () => {
    expect(extractNumbers('两')[0]?.additional_info).toEqual({ value: 2, type: 'value' });
  });
});
