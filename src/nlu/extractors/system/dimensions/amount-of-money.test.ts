import { describe, expect, it } from 'vitest';
import { EN_CTX, ZH_CTX } from '../testing.js';
import { extractAmountsOfMoney } from './amount-of-money.js';

const money = (text: string, ctx = ZH_CTX) =>
  extractAmountsOfMoney(text, ctx).map((m) => [text.slice(m.start, m.end), m.value, (m.additional_info as { unit: string }).unit]);

describe('amount-of-money dimension', () => {
  it.each<[string, unknown[][]]>([
    ['50块', [['50块', 50, 'CNY']]],
    ['三十元', [['三十元', 30, 'CNY']]],
    ['五十块钱', [['五十块钱', 50, 'CNY']]],
    ['5块5', [['5块5', 5.5, 'CNY']]],
    ['两百元人民币', [['两百元', 200, 'CNY']]],
    ['¥20', [['¥20', 20, 'CNY']]],
    ['￥ 99', [['￥ 99', 99, 'CNY']]],
    ['五毛', [['五毛', 0.5, 'CNY']]],
    ['一块半', [['一块半', 1.5, 'CNY']]],
    ['两块半钱一个', [['两块半钱', 2.5, 'CNY']]],
    ['十元半价', [['十元', 10, 'CNY']]],
    ['100美元', [['100美元', 100, 'USD']]],
    ['$5.50', [['$5.50', 5.5, '$']]],
    ['20 dollars', [['20 dollars', 20, '$']]],
    ['twenty bucks', [['twenty bucks', 20, '$']]],
    ['5 hundred dollars', [['5 hundred dollars', 500, '$']]],
    ['100 RMB', [['100 RMB', 100, 'CNY']]],
    ['USD 10', [['USD 10', 10, 'USD']]],
    ['€3', [['€3', 3, 'EUR']]],
    ['£12.99', [['£12.99', 12.99, 'GBP']]],
    ['50 euros', [['50 euros', 50, 'EUR']]],
    ['人民币两千', [['人民币两千', 2000, 'CNY']]],
    ['人民币 500元', [['人民币 500元', 500, 'CNY']]],
    ['美金100', [['美金100', 100, 'USD']]],
    ['两千块钱', [['两千块钱', 2000, 'CNY']]],
    ['100美金', [['100美金', 100, 'USD']]],
    ['RMB 50', [['RMB 50', 50, 'CNY']]],
    ['50 rmb', [['50 rmb', 50, 'CNY']]],
    ['美元', []],
    ['2块钱一个', [['2块钱', 2, 'CNY']]],
    ['5块一个', [['5块', 5, 'CNY']]],
    ['两块五', [['两块五', 2.5, 'CNY']]],
    ['两毛五', [['两毛五', 0.25, 'CNY']]],
    ['三块八毛五', [['三块八毛五', 3.85, 'CNY']]],
    ['3毛5分', [['3毛5分', 0.35, 'CNY']]],
    ['两块五一斤', [['两块五', 2.5, 'CNY']]],
    ['九毛九一瓶', [['九毛九', 0.99, 'CNY']]],
    // 零 between the yuan and what follows: tenths with 毛/角, hundredths with 分
    ['十块零五毛', [['十块零五毛', 10.5, 'CNY']]],
    ['一百元零五角', [['一百元零五角', 100.5, 'CNY']]],
    ['十元零二分', [['十元零二分', 10.02, 'CNY']]],
    // dollars and cents said apart are one amount
    ['5 dollars 99 cents', [['5 dollars 99 cents', 5.99, '$']]],
    ['$5 and 50 cents', [['$5 and 50 cents', 5.5, '$']]],
    ['five dollars and twenty cents', [['five dollars and twenty cents', 5.2, '$']]],
    ['99 cents', [['99 cents', 99, 'cent']]],
    ['HK$50', [['HK$50', 50, 'HKD']]],
    ['$5k', [['$5k', 5000, '$']]],
    ['$1.2M', [['$1.2M', 1200000, '$']]],
    ['five grand', [['five grand', 5000, '$']]],
    ['a grand', [['a grand', 1000, '$']]],
    // cents said after the unit, ending the phrase
    ['twelve bucks fifty', [['twelve bucks fifty', 12.5, '$']]],
    ['12 bucks 50 each', [['12 bucks 50', 12.5, '$']]],
    ['5 dollars 20 people', [['5 dollars', 5, '$']]],
    ['1.5k dollars', [['1.5k dollars', 1500, '$']]],
    ['$5 kids meal', [['$5', 5, '$']]],
    ['3份', []],
    // a Chinese digit glued to Arabic ones is not part of the amount: 周五 is Friday
    ['周五50块', [['50块', 50, 'CNY']]],
    ['两万5000元', [['两万5000元', 25000, 'CNY']]],
  ])('%s', (text, expected) => {
    expect(money(text)).toEqual(expected);
  });

  it.each<[string, string, Record<string, number>]>([
    ['一百块以内', '一百块以内', { to: 100 }],
    ['不超过300元的', '不超过300元', { to: 300 }],
    ['最多两百块钱', '最多两百块钱', { to: 200 }],
    ['至少50块', '至少50块', { from: 50 }],
    ['50块起', '50块起', { from: 50 }],
    ['200块以上的套餐', '200块以上', { from: 200 }],
    ['五十到一百块之间', '五十到一百块之间', { from: 50, to: 100 }],
    ['价格在100-200元', '100-200元', { from: 100, to: 200 }],
    ['under $20', 'under $20', { to: 20 }],
    ['$50 or less', '$50 or less', { to: 50 }],
    ['at least 50 euros', 'at least 50 euros', { from: 50 }],
    ['between 10 and 20 dollars', 'between 10 and 20 dollars', { from: 10, to: 20 }],
    ['10 to 20 dollars', '10 to 20 dollars', { from: 10, to: 20 }],
    ['$10-$20', '$10-$20', { from: 10, to: 20 }],
    ['from $10 to $25', 'from $10 to $25', { from: 10, to: 25 }],
  ])('%s is an interval', (text, span, value) => {
    const found = extractAmountsOfMoney(text, ZH_CTX);
    expect(found.map((m) => [text.slice(m.start, m.end), m.value])).toEqual([[span, value]]);
    const unit = (found[0]?.additional_info as Record<string, { unit: string }>)[value.to === undefined ? 'from' : 'to']?.unit;
    expect(unit).toBe(/\$/.test(text) || /dollars/.test(text) ? '$' : /euros/.test(text) ? 'EUR' : 'CNY');
    expect(found[0]?.additional_info).toMatchObject({ type: 'interval' });
  });

  it.each([
    ['$20 plus tax', '$20', 20],
    ['2块钱一个', '2块钱', 2],
    // a range runs low to high; "20 to 10 dollars" is no range
    ['20 to 10 dollars', '10 dollars', 10],
  ])('%s stays one amount', (text, span, value) => {
    expect(extractAmountsOfMoney(text, ZH_CTX).map((m) => [text.slice(m.start, m.end), m.value])).toEqual([[span, value]]);
  });

  it('reads ¥ as yen outside Chinese locales', () => {
    expect(money('¥500', EN_CTX)).toEqual([['¥500', 500, 'JPY']]);
  });
});
