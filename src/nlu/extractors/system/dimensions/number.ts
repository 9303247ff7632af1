// The `number` dimension: Arabic, Chinese and mixed numerals, English number words, 5k / 2.5M.
import { AND_A_HALF_SOURCE, approximatePair, englishNumberRuns, ENGLISH_NUMBER_SOURCE, statedAmount } from '../../../../core/index.js';
import { NUMERAL_SOURCE, parseNumeral, parseScaledNumeral } from '../numerals/numeral.js';
import { matchAll, simpleValue, type SystemMatch } from '../system-entity.js';

/** units of measure written straight after a figure */
const MEASURE_UNIT = '(?:kg|mg|g|km|cm|mm|ml|L|lbs?|oz)(?![A-Za-z])';
// 2.5M is 2.5 million; a lower-case m after a number is as often metres or minutes. A measure unit may follow
// (0.5kg, 2L); other letters make the figure part of a code (room 12b). Never the integer part of a decimal alone.
const NUMERIC = new RegExp(`(?<![A-Za-z])-?${NUMERAL_SOURCE}(?:[kKM](?![A-Za-z]))?(?:(?![A-Za-z0-9０-９]|[.．][0-9０-９])|(?=${MEASURE_UNIT}))`, 'g');
const WORDS = new RegExp(ENGLISH_NUMBER_SOURCE, 'gi');
/** 一 in these words is not a quantity (一下 "a moment", 一起 "together", 一打开 "once opened", 万一 "in case"). */
const NOT_A_NUMBER = /^一(?=[下起些直样定般切共旦向度会边再]|打开)|^一点(?![0-9零〇一二三四五六七八九])/;
const NOT_AFTER = /[万统唯]$/;

function numericValue(raw: string): number | undefined {
  const negative = raw.startsWith('-');
  const n = parseScaledNumeral(negative ? raw.slice(1) : raw);
  return n === undefined ? undefined : negative ? -n : n;
}

function chineseNoise(text: string, m: RegExpExecArray): boolean {
  return NOT_A_NUMBER.test(text.slice(m.index)) || (m[0] === '一' && NOT_AFTER.test(text.slice(0, m.index)));
}

export function extractNumbers(text: string): SystemMatch[] {
  const out: SystemMatch[] = [];
  for (const m of matchAll(NUMERIC, text)) {
    // "-" is a sign only at the start or after a space, not in "010-1234"
    const signed = m[0].startsWith('-') && m.index > 0 && !/\s/.test(text[m.index - 1] ?? '');
    const start = signed ? m.index + 1 : m.index;
    const raw = signed ? m[0].slice(1) : m[0];
    if (chineseNoise(text, m)) continue;
    // 两三份 is two or three portions: the two numbers, not 23
    const pair = approximatePair(raw);
    if (pair) {
      pair.forEach((n, k) => out.push(simpleValue('number', start + k, start + k + 1, n)));
      continue;
    }
    const value = numericValue(raw);
    // an ID of 17 digits is no number a double holds exactly: better none than a wrong one
    if (value !== undefined && Math.abs(value) <= Number.MAX_SAFE_INTEGER) out.push(simpleValue('number', start, m.index + m[0].length, value));
  }
  for (const m of matchAll(FRACTION, text)) {
    const [whole, part] = [fractionTerm(m[1] as string), fractionTerm(m[2] as string)];
    if (whole !== undefined && part !== undefined && whole > 0) out.push(simpleValue('number', m.index, m.index + m[0].length, part / whole));
  }
  for (const m of matchAll(WORDS, text)) {
    for (const n of englishNumberRuns(m[0])) out.push(simpleValue('number', m.index + n.start, m.index + n.end, n.value));
  }
  // as Duckling reads them; the longer span wins over the "a dozen" inside "half a dozen"
  for (const m of matchAll(HALF_DOZEN, text)) out.push(simpleValue('number', m.index, m.index + m[0].length, 6));
  for (const m of matchAll(A_COUPLE, text)) out.push(simpleValue('number', m.index, m.index + m[0].length, 2));
  for (const m of matchAll(COLLOQUIAL_AMOUNT, text)) {
    const n = statedAmount(m[0]);
    if (n !== undefined) out.push(simpleValue('number', m.index, m.index + m[0].length, n));
  }
  return out.map((n) => withHalf(text, n));
}

/**
 * Amounts whose numeral alone would be missing or wrong, valued as a slot reads them (statedAmount): 俩 and
 * 仨 (来俩汉堡; not 伎俩), 一打 a dozen and 半打 half of one (not the verb: 一打开, 打算), and 一份半 / 两斤半, the count
 * and a half of the measure word between them.
 */
const COLLOQUIAL_AMOUNT = new RegExp(
  `(?<!伎)[俩仨]|(?:半|${NUMERAL_SOURCE})打(?![开算扰折包印车球卡电过了通听断破败针字])|${NUMERAL_SOURCE}[个份碗杯瓶盒袋箱桶包件张斤]半`, 'g');

/** 三分之一 is a third, 百分之二十 twenty hundredths (0.2): the parts' numerals are not numbers of their own */
const FRACTION = new RegExp(`(百|千|万|${NUMERAL_SOURCE})分之(百|${NUMERAL_SOURCE})`, 'g');
const SCALE_WORDS: Readonly<Record<string, string>> = { 百: '一百', 千: '一千', 万: '一万' };
const fractionTerm = (s: string): number | undefined => parseNumeral(SCALE_WORDS[s] ?? s);
const HALF_DOZEN = /\bhalf an? dozen\b/gi;
/** "a couple of pizzas" is two; "the couple" (two people) is no number */
const A_COUPLE = /\ba couple(?= of\b)/gi;

const AND_A_HALF = new RegExp(`^${AND_A_HALF_SOURCE}`, 'i');

/** "two and a half", "3 and a half": the number and the half */
function withHalf(text: string, n: SystemMatch): SystemMatch {
  const half = AND_A_HALF.exec(text.slice(n.end));
  if (!half || typeof n.value !== 'number' || !Number.isInteger(n.value)) return n;
  return simpleValue('number', n.start, n.end + half[0].length, n.value + 0.5);
}
