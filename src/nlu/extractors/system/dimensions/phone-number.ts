// The `phone-number` dimension: Chinese mobiles (+86 138 1234 5678), landlines (010-12345678,
// (021) 1234 5678), North American numbers ((415) 555-2671, 415-555-2671) and international numbers
// (+44 20 7946 0958). Value in Duckling's form: "(+cc) digits".
import { matchAll, type SystemMatch } from '../system-entity.js';

const SEP = '[\\s.-]?';
const patterns: RegExp[] = [
  // Chinese mobile, optionally with +86 / 0086
  new RegExp(`(?:(?:\\+|00)(86)${SEP})?(1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4})`, 'g'),
  // Chinese landline: area code 0xx(x), optionally in parentheses, then 7-8 digits (maybe split), optional extension
  /(?:(?:\+|00)(86)[\s-]?)?(\(0\d{2,3}\)\s?\d{3,4}[\s-]?\d{4}|0\d{2,3}[\s-]\d{3,4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8})/g,
  // international: +cc then 6-14 digits in groups
  /\+(\d{1,3})[\s.-]?(\(?\d{1,4}\)?(?:[\s.-]?\d{2,5}){1,4})/g,
  // North American 3-3-4 without a country code: "(415) 555-2671", or one separator used throughout
  // ("415-555-2671", "415.555.2671", "415 555 2671") so that "3 555 2671" stays out. Last, so that the
  // +cc pattern has already taken "+1 (415) 555-2671" whole.
  /()(\(\d{3}\)\s?\d{3}[\s.-]?\d{4}|\d{3}([\s.-])\d{3}\3\d{4})/g,
];

const NOT_INSIDE_NUMBER = (text: string, start: number, end: number): boolean =>
  !/[\d+]/.test(text[start - 1] ?? '') && !/\d/.test(text[end] ?? '');

export function extractPhoneNumbers(text: string): SystemMatch[] {
  const out: SystemMatch[] = [];
  for (const re of patterns) {
    for (const m of matchAll(re, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!NOT_INSIDE_NUMBER(text, start, end) || out.some((o) => o.start <= start && o.end >= end)) continue;
      const digits = (m[2] ?? '').replace(/\D/g, '');
      if (digits.length < 6 || digits.length > 14) continue;
      const value = m[1] ? `(+${m[1]}) ${digits}` : digits;
      out.push({ dim: 'phone-number', start, end, value, additional_info: { value } });
    }
  }
  return out;
}
