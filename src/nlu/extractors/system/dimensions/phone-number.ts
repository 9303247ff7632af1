// The `phone-number` dimension: Chinese mobiles (+86 138 1234 5678), landlines (010-12345678,
// (021) 1234 5678), North American numbers ((415) 555-2671, 415-555-2671) and international numbers
// (+44 20 7946 0958). Value in Duckling's form: "(+cc) digits", and " ext N" for an extension (010-12345678转123,
// 415-555-2671 ext. 12). Mobiles and landlines read out digit
// by digit in Chinese characters, as speech recognisers write them (一三八 一二三四 五六七八, 幺 for 1,
// 零二一 六四三二 一二三四), are phone numbers too, their value in digits.
import { toHalfWidth } from '../../../../core/index.js';
import { matchAll, type SystemMatch } from '../system-entity.js';

const SEP = '[\\s.-]?';
const patterns: RegExp[] = [
  // Chinese mobile, optionally with +86 / 0086, maybe in parentheses: (+86)
  new RegExp(`(?:(?:\\+|00)(86)${SEP}|\\(\\+(86)\\)\\s?)?(1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4})`, 'g'),
  // Chinese landline: area code 0xx(x) (never 00: that begins an international number), optionally in
  // parentheses, then 7-8 digits (maybe split)
  /(?:(?:\+|00)(86)[\s-]?|\(\+(86)\)\s?)?(\(0[1-9]\d{1,2}\)\s?\d{3,4}[\s-]?\d{4}|0[1-9]\d{1,2}[\s-]\d{3,4}[\s-]?\d{4}|0[1-9]\d{1,2}-?\d{7,8})/g,
  // international: +cc, maybe in parentheses, or 00cc and a separator (0086-21-…), then 6-14 digits in groups,
  // maybe after the trunk prefix written (0) (+44 (0)20 …), which is not dialled with the country code
  /(?:(?:\+|00(?=\d{1,3}[\s.-]))(\d{1,3})|\(\+(\d{1,3})\))[\s.-]?(?:\(0\)\s?)?(\(?\d{1,4}\)?(?:[\s.-]?\d{2,8}){1,4})/g,
  // North American 3-3-4, maybe after a bare 1 (1-800-555-0199): "(415) 555-2671", or one separator
  // used throughout ("415-555-2671", "415.555.2671", "415 555 2671") so that "3 555 2671" stays out.
  // Last, so that the +cc pattern has already taken "+1 (415) 555-2671" whole.
  // (the empty group stands where the other patterns have their "(+cc)" country code)
  /(?:(1)[\s.-])?()(\(\d{3}\)\s?\d{3}[\s.-]?\d{4}|\d{3}([\s.-])\d{3}\4\d{4})/g,
];

/** An extension right after a number: 转 / 分机(号) in Chinese, ext(.), extension or x in English. */
const EXTENSION = /\s*(?:转|分机号?|ext\.?|extension|x)\s*(\d{1,6})(?!\d)/iy;

/** en and em dashes and hyphens people type between digit groups (021—6432…), read as "-" one for one */
const DASHES = /[\u2010-\u2015]/g;

const NOT_INSIDE_NUMBER = (text: string, start: number, end: number): boolean =>
  !/[\d+]/.test(text[start - 1] ?? '') && !/\d/.test(text[end] ?? '');

/** One character for one: the spoken digits (幺 is 1 read out in numbers), offsets unchanged. */
const SPOKEN_DIGIT: Readonly<Record<string, string>> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const SPOKEN = /[零〇一幺二三四五六七八九]/g;
const HAS_SPOKEN = /[零〇一幺二三四五六七八九]/;
// digits spelled out run on: a mobile's 11 of them, maybe split by spaces or commas into 3-4-4, or a landline's
// area code and 7-8 digits (零二一 六四三二 一二三四)
const SPOKEN_PHONE = /(?:(?:\+|00)(86)[\s,，]?)?(1[3-9]\d[\s,，]?\d{4}[\s,，]?\d{4}|0[1-9]\d{1,2}[\s,，-]?\d{3,4}[\s,，]?\d{4})/g;

function spokenPhones(text: string, out: SystemMatch[]): void {
  if (!/[零〇一幺二三四五六七八九]{3}/.test(text)) return;
  const digits = text.replace(SPOKEN, (c) => SPOKEN_DIGIT[c] ?? c);
  for (const m of matchAll(SPOKEN_PHONE, digits)) {
    const start = m.index;
    const end = start + m[0].length;
    // only numbers actually spelled in characters: ASCII ones were matched above
    if (!HAS_SPOKEN.test(text.slice(start, end)) || !NOT_INSIDE_NUMBER(digits, start, end) || /[十百千万亿两]/.test(text[end] ?? '')) continue;
    const value = m[1] ? `(+${m[1]}) ${(m[2] ?? '').replace(/\D/g, '')}` : (m[2] ?? '').replace(/\D/g, '');
    out.push({ dim: 'phone-number', start, end, value, additional_info: { value } });
  }
}

export function extractPhoneNumbers(original: string): SystemMatch[] {
  const out: SystemMatch[] = [];
  // full-width digits and signs (１３８, ＋８６, （０１０）) as Chinese input methods type them; one
  // character for one, so offsets into the text stay valid
  const text = toHalfWidth(original).replace(DASHES, '-');
  spokenPhones(text, out);
  for (const re of patterns) {
    for (const m of matchAll(re, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!NOT_INSIDE_NUMBER(text, start, end) || out.some((o) => o.start <= start && o.end >= end)) continue;
      // groups: the country code (+cc, (+cc) or 00cc), then the number
      const country = m[1] ?? m[2];
      const digits = (m[3] ?? '').replace(/\D/g, '');
      if (digits.length < 6 || digits.length > 14) continue;
      EXTENSION.lastIndex = end;
      const ext = EXTENSION.exec(text);
      const number = country ? `(+${country}) ${digits}` : digits;
      const value = ext ? `${number} ext ${ext[1] as string}` : number;
      out.push({ dim: 'phone-number', start, end: ext ? end + ext[0].length : end, value, additional_info: { value } });
    }
  }
  return out;
}
