// The `amount-of-money` dimension: 50块, 三十元, 5块5, 人民币两千, ¥20, $5.50, 20 dollars, 100 RMB, €3, USD 10;
// bounds and ranges (100块以内, under $20, 50到100块) as intervals.
import { ANY_NUMERAL_SOURCE, NUMERAL_SOURCE, parseNumeral, parseScaledNumeral } from '../numerals/numeral.js';
import { matchAll, type ExtractContext, type SystemMatch } from '../system-entity.js';
import { unitOf, withIntervals } from './money-intervals.js';

const SYMBOLS: Readonly<Record<string, string>> = { '$': '$', 'US$': 'USD', 'HK$': 'HKD', '€': 'EUR', '£': 'GBP', '￥': 'CNY', '¥': '¥' };
const WORD_UNITS: Readonly<Record<string, string>> = {
  dollar: '$', dollars: '$', buck: '$', bucks: '$', usd: 'USD', rmb: 'CNY', cny: 'CNY', yuan: 'CNY', renminbi: 'CNY',
  euro: 'EUR', euros: 'EUR', eur: 'EUR', pound: 'GBP', pounds: 'GBP', gbp: 'GBP', yen: 'JPY', jpy: 'JPY', cent: 'cent', cents: 'cent',
};
const ZH_UNITS: Readonly<Record<string, string>> = {
  块钱: 'CNY', 块: 'CNY', 元钱: 'CNY', 元: 'CNY', 圆: 'CNY', 人民币: 'CNY', 美元: 'USD', 美金: 'USD', 欧元: 'EUR', 英镑: 'GBP', 日元: 'JPY', 港币: 'HKD', 港元: 'HKD',
};

const NUM = ANY_NUMERAL_SOURCE;
/** $5k, 1.5k dollars: thousands, as the number dimension reads 5k; $1.2M, $3m: millions */
const KILO = '(?:[kKmM](?![A-Za-z]))?';
const PREFIXED = new RegExp(`(US\\$|HK\\$|[$€£¥￥])\\s?(${NUMERAL_SOURCE}${KILO})|\\b(USD|RMB|CNY|EUR|GBP|JPY)\\s?(${NUMERAL_SOURCE}${KILO})`, 'gi');
const SUFFIXED_WORD = new RegExp(`(${NUM}${KILO})\\s?(${Object.keys(WORD_UNITS).join('|')})\\b`, 'gi');
// the currency named first: 人民币两千, 美金 100 (a 块/元 after the number belongs to the same amount)
const ZH_CURRENCY_FIRST = '人民币|美元|美金|欧元|英镑|日元|港币|港元';
// (not right after a number: 100美元 names it after)
const PREFIXED_ZH = new RegExp(`(?<![0-9０-９零〇一二两三四五六七八九十百千万亿])(${ZH_CURRENCY_FIRST})\\s?(${NUMERAL_SOURCE})(?:块钱|块|元钱|元|圆)?`, 'g');
// 5块5 = 5.5 yuan, 三块五毛 = 3.5, 两毛五 = 0.25; 毛/角 are tenths, 分 hundredths. Not a digit that counts something: 5块一个 is 5 yuan each
const TENTHS_AFTER = new Set(['块', '元', '圆']);
const MEASURE = '[个份碗盒杯瓶位斤件只条张本袋包次]';
// what may not follow a tenths digit: a measure word (5块一个 is 5 yuan each) or more numerals, but
// 一 + a measure word may (两块五一斤 is 2.5 yuan a jin)
const COUNTED = `${MEASURE}|[0-9二两三四五六七八九十百千万]|一(?!${MEASURE})`;
const DIGIT = '[0-9一二两三四五六七八九]';
// groups: 1 amount, 2 unit, 3 tenths, 4 hundredths (三块八毛五); 5 a digit after 零, 6 毛/角 when it
// is tenths (十块零五毛; else 分: 十块零五分 is 10.05); 7 tenths, 8 毛/角, 9 hundredths (两毛五)
const SUFFIXED_ZH = new RegExp(
  `(${NUMERAL_SOURCE})(${Object.keys(ZH_UNITS).join('|')})(?:(${DIGIT})(?:(?:毛|角)(?:(${DIGIT})分?)?)?(?!${COUNTED})|零(${DIGIT})(?:(毛|角)|分)(?!${COUNTED}))?`
  + `|(${NUMERAL_SOURCE})(毛|角)(?:(${DIGIT})分?(?!${COUNTED}))?`, 'g');

const money = (start: number, end: number, value: number, unit: string): SystemMatch =>
  ({ dim: 'amount-of-money', start, end, value, additional_info: { value, type: 'value', unit } });

function symbolUnit(symbol: string, ctx: ExtractContext): string {
  if (symbol === '¥') return ctx.locale.toLowerCase().startsWith('zh') ? 'CNY' : 'JPY';
  return SYMBOLS[symbol] ?? WORD_UNITS[symbol.toLowerCase()] ?? symbol.toUpperCase();
}

/** A digit of tenths or hundredths (absent: 0). */
const digitOf = (d: string | undefined): number | undefined => (d === undefined ? 0 : parseNumeral(d));

function chinese(m: RegExpExecArray): SystemMatch | undefined {
  const end = m.index + m[0].length;
  if (m[7] !== undefined) {
    const tenths = parseNumeral(m[7]);
    const hundredths = digitOf(m[9]);
    return tenths === undefined || hundredths === undefined ? undefined : money(m.index, end, Math.round(tenths * 10 + hundredths) / 100, 'CNY');
  }
  const whole = parseNumeral(m[1] as string);
  if (whole === undefined) return undefined;
  const unit = m[2] as string;
  // 2块钱一个, 100美元一: the digit after 块钱 / a foreign currency is not its tenths
  if ((m[3] ?? m[5]) !== undefined && !TENTHS_AFTER.has(unit)) return money(m.index, m.index + (m[1] as string).length + unit.length, whole, ZH_UNITS[unit] ?? 'CNY');
  // after 零 the digit is tenths with 毛/角, hundredths with 分
  const [tenthsDigit, hundredthsDigit] = m[5] === undefined ? [m[3], m[4]] : m[6] !== undefined ? [m[5], undefined] : [undefined, m[5]];
  const tenths = digitOf(tenthsDigit) ?? 0;
  const hundredths = digitOf(hundredthsDigit) ?? 0;
  return money(m.index, end, tenths === 0 && hundredths === 0 ? whole : Math.round(whole * 100 + tenths * 10 + hundredths) / 100, ZH_UNITS[unit] ?? 'CNY');
}

/** 一块半, 两块半钱: a whole number of yuan and a half; not 十元半价 (ten yuan, half price) or 五块半斤 */
const HALF_YUAN = /^半(?![价折斤天年月个份小])/;
function withHalfYuan(text: string, found: SystemMatch | undefined): SystemMatch | undefined {
  if (!found || !Number.isInteger(found.value) || !TENTHS_AFTER.has(text[found.end - 1] as string) || !HALF_YUAN.test(text.slice(found.end))) return found;
  const end = found.end + (text[found.end + 1] === '钱' ? 2 : 1);
  return money(found.start, end, (found.value as number) + 0.5, String(unitOf(found)));
}

/** five grand, a grand: thousands of dollars */
const GRAND = new RegExp(`(${NUM}|\\ban?)\\s+grand\\b`, 'gi');
/** the cents of "twelve bucks fifty", "5 dollars 20": a number under 100 ending the phrase */
const SPOKEN_CENTS = new RegExp(`^\\s+(${NUM})(?=\\s*$|\\s*[,.!?;)]|\\s+(?:each|apiece|a piece|per|for|please|total|in total)\\b)`, 'i');
const CENTS_AFTER = /^(?:dollars?|bucks?|euros?|pounds?)$/i;

/** "twelve bucks fifty": the whole amount and the cents said after its unit word, as one amount. */
function withSpokenCents(text: string, whole: SystemMatch, unitWord: string): SystemMatch {
  if (!CENTS_AFTER.test(unitWord) || !Number.isInteger(whole.value)) return whole;
  const cents = SPOKEN_CENTS.exec(text.slice(whole.end));
  const c = cents ? parseNumeral(cents[1] as string) : undefined;
  if (!cents || c === undefined || !Number.isInteger(c) || c <= 0 || c >= 100) return whole;
  return money(whole.start, whole.end + cents[0].length, Math.round((whole.value as number) * 100 + c) / 100, String(unitOf(whole)));
}

export function extractAmountsOfMoney(text: string, ctx: ExtractContext): SystemMatch[] {
  const out: SystemMatch[] = [];
  for (const m of matchAll(GRAND, text)) {
    const n = /^an?$/i.test(m[1] as string) ? 1 : parseNumeral(m[1] as string);
    if (n !== undefined) out.push(money(m.index, m.index + m[0].length, n * 1000, '$'));
  }
  for (const m of matchAll(PREFIXED, text)) {
    const value = parseScaledNumeral((m[2] ?? m[4]) as string);
    if (value !== undefined) out.push(money(m.index, m.index + m[0].length, value, symbolUnit((m[1] ?? m[3]) as string, ctx)));
  }
  for (const m of matchAll(SUFFIXED_WORD, text)) {
    const value = parseScaledNumeral(m[1] as string);
    if (value !== undefined) out.push(withSpokenCents(text, money(m.index, m.index + m[0].length, value, symbolUnit(m[2] as string, ctx)), m[2] as string));
  }
  for (const m of matchAll(PREFIXED_ZH, text)) {
    const value = parseNumeral(m[2] as string);
    if (value !== undefined) out.push(money(m.index, m.index + m[0].length, value, ZH_UNITS[m[1] as string] ?? 'CNY'));
  }
  for (const m of matchAll(SUFFIXED_ZH, text)) {
    const found = withHalfYuan(text, chinese(m));
    // "500元" inside "人民币 500元" is the same amount, already reported
    if (found && !out.some((o) => o.start <= found.start && o.end >= found.end)) out.push(found);
  }
  return withIntervals(text, withCents(text, out));
}


/** "5 dollars 99 cents", "$5 and 50 cents": one amount, the cents in hundredths of the unit before them. */
function withCents(text: string, found: SystemMatch[]): SystemMatch[] {
  const cents = found.filter((m) => unitOf(m) === 'cent');
  if (cents.length === 0) return found;
  const merged = new Set<SystemMatch>();
  const out = found.map((whole) => {
    if (unitOf(whole) === 'cent' || typeof whole.value !== 'number') return whole;
    const c = cents.find((m) => m.start > whole.end && /^\s+(?:and\s+)?$/i.test(text.slice(whole.end, m.start)));
    if (!c || typeof c.value !== 'number' || !Number.isInteger(c.value) || c.value >= 100) return whole;
    merged.add(c);
    return money(whole.start, c.end, Math.round(whole.value * 100 + c.value) / 100, String(unitOf(whole)));
  });
  return out.filter((m) => !merged.has(m));
}
