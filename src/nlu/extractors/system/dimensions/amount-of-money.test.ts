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
    ['1.5k dollars', [['1.5k dollars', 1500, '$']]],
    ['$5 kids meal', [['$5', 5, '$']]],
    ['3份', []],
  ])('%s', (text, expected) => {
    expect(money(text)).toEqual(expected);
  });

  it('reads ¥ as yen outside Chinese locales', () => {
    expect(money('¥500', EN_CTX)).toEqual([['¥500', 500, 'JPY']]);
  });
});
