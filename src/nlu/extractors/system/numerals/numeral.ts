// One numeral pattern for every dimension that embeds a quantity (money, durations, ordinals, times).
import { CHINESE_NUMERAL_CHARS, ENGLISH_NUMBER_SOURCE, parseChineseNumeral, parseEnglishNumber } from '../../../../core/index.js';

const ZH = CHINESE_NUMERAL_CHARS;
/** 十 may open a numeral (十二); 百/千/万/亿 may not (万一 is "in case"). */
const ZH_FIRST = ZH.replace(/[百佰千仟万萬亿億]/g, '');
const DIGIT = '0-9０-９';
/** Chinese digits, as against units: a digit after one of these belongs to something else (周五50块). */
const ZH_DIGITS = ZH.replace(/[十拾廿卄卅卌百佰千仟万萬亿億]/g, '');
/**
 * 1,234.5 | 3千 | 1.5万 | 1万5千 | 两万5000 | 一百零五 | 一点五 (not preceded by another digit or a decimal
 * point). Arabic digits may follow a unit (两万5000) but not a Chinese digit: 周五50块 is Friday and 50 yuan,
 * so a Chinese digit glued to Arabic ones is no numeral at all (the first lookbehind) and one further on ends
 * the numeral before them (the second).
 */
export const NUMERAL_SOURCE =
  `(?<![${DIGIT}.．])(?:[${DIGIT}]{1,3}(?:,[${DIGIT}]{3})+|[${DIGIT}${ZH_FIRST}])(?<![${ZH_DIGITS}](?=[${DIGIT}]))`
  + `(?:[${DIGIT}](?<![${ZH_DIGITS}][${DIGIT}])|[${ZH}]|[.．点](?=[${DIGIT}零〇一二三四五六七八九]))*`;
/** Either a digit/Chinese numeral or English number words. */
export const ANY_NUMERAL_SOURCE = `(?:${NUMERAL_SOURCE}|${ENGLISH_NUMBER_SOURCE})`;

export function parseNumeral(text: string): number | undefined {
  const trimmed = text.trim();
  // words, or digits before a scale word (5 hundred)
  return /[a-z]/i.test(trimmed) ? parseEnglishNumber(trimmed) : parseChineseNumeral(trimmed);
}

const SCALES: Readonly<Record<string, number>> = { k: 1e3, m: 1e6 };

/**
 * A numeral that may end in k for thousands or M for millions (5k, 1.5K, 2.5M, $1.2m), as people write
 * prices and counts; which letters may end one is the caller's pattern's business.
 */
export function parseScaledNumeral(text: string): number | undefined {
  const scale = SCALES[text.slice(-1).toLowerCase()];
  const n = parseNumeral(scale === undefined ? text : text.slice(0, -1));
  return n === undefined ? undefined : scale === undefined ? n : n * scale;
}
