import { describe, expect, it } from 'vitest';
import { extractSystemEntities } from './extract-system-entities.js';
import type { ExtractContext } from './system-entity.js';
import { EN_CTX, ZH_CTX } from './testing.js';

// every dimension competing, as with `dimensions` left empty in config.yml
const all = (text: string, ctx: ExtractContext) =>
  extractSystemEntities(text, [], ctx).map((m) => [m.dim, text.slice(m.start, m.end)]);

describe('extractSystemEntities with every dimension', () => {
  it.each<[string, ExtractContext, string[][]]>([
    ['下个月5号', ZH_CTX, [['time', '下个月5号']]],
    ['上个月3号', ZH_CTX, [['time', '上个月3号']]],
    ['这周末', ZH_CTX, [['time', '这周末']]],
    ['人民币两千', ZH_CTX, [['amount-of-money', '人民币两千']]],
    ['两千块钱', ZH_CTX, [['amount-of-money', '两千块钱']]],
    ['明天下午3点到5点送两份', ZH_CTX, [['time', '明天下午3点到5点'], ['number', '两']]],
    ['中午12点前', ZH_CTX, [['time', '中午12点前']]],
    ['8点零5分', ZH_CTX, [['time', '8点零5分']]],
    // 零点 with digits said one by one is a decimal; with 分, or minutes such as 三十, midnight
    ['零点三五公斤', ZH_CTX, [['number', '零点三五']]],
    ['零点零五', ZH_CTX, [['number', '零点零五']]],
    ['零点三五分', ZH_CTX, [['time', '零点三五分']]],
    ['凌晨零点三十', ZH_CTX, [['time', '凌晨零点三十']]],
    ['(415) 555-2671', EN_CTX, [['phone-number', '(415) 555-2671']]],
    ['a week from today', EN_CTX, [['time', 'a week from today']]],
    ['from 3 to 5pm', EN_CTX, [['time', 'from 3 to 5pm']]],
    ['this weekend', EN_CTX, [['time', 'this weekend']]],
    ['USD 20 by 6pm', EN_CTX, [['amount-of-money', 'USD 20'], ['time', 'by 6pm']]],
    // a number that straddles another match's edge (五一 in 两块五一斤) has borrowed a digit from it
    ['两块五一斤', ZH_CTX, [['amount-of-money', '两块五']]],
    ['5块5一个', ZH_CTX, [['amount-of-money', '5块5']]],
    // and a duration that straddles a time has borrowed its unit: Saturday and Sunday, not six weeks
    ['周六周日都行', ZH_CTX, [['time', '周六'], ['time', '周日']]],
    ['周一周二', ZH_CTX, [['time', '周一'], ['time', '周二']]],
  ])('%s: the longer span wins over the numbers inside it', (text, ctx, expected) => {
    expect(all(text, ctx)).toEqual(expected);
  });

  it.each<[string, string[][]]>([
    ['十几份', []],
    ['三十几份', []],
    ['几十块钱', []],
    ['二十几分钟', []],
    ['十几分钟后送到', []],
    // 几 beside another word leaves the numeral alone
    ['两个茶几', [['number', '两']]],
    ['十份，几点到', [['number', '十']]],
  ])('%s: a numeral beside 几 is a vague range, no value', (text, expected) => {
    expect(all(text, ZH_CTX)).toEqual(expected);
  });

  it.each<[string, [string, string][]]>([
    ['一九年三月', [['time', '一九年三月']]],
    ['19年3月5号', [['time', '19年3月5号']]],
    ['九八年五月', [['time', '九八年五月']]],
    // no month: 19年 may be nineteen years; digits read one by one never are
    ['我工作了19年', [['duration', '19年']]],
    ['我工作了十九年', [['duration', '十九年']]],
    ['九八年', [['number', '九八']]],
  ])('%s: a two-digit year before a month is a date', (text, expected) => {
    expect(all(text, ZH_CTX)).toEqual(expected);
  });

  it('puts a two-digit year in the century nearest the reference', () => {
    const value = (text: string): unknown => extractSystemEntities(text, ['time'], ZH_CTX)[0]?.value;
    expect(value('一九年三月')).toBe('2019-03-01T00:00:00.000+08:00');
    expect(value('九八年五月')).toBe('1998-05-01T00:00:00.000+08:00');
    expect(value('30年1月')).toBe('2030-01-01T00:00:00.000+08:00');
  });
});
