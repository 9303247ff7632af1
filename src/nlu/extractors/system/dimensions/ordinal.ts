// The `ordinal` dimension: 第三 / 第3 / 第二十一, third / twenty-first / 3rd.
import { ENGLISH_ORDINAL_SOURCE, parseEnglishOrdinal } from '../../../../core/index.js';
import { NUMERAL_SOURCE, parseNumeral } from '../numerals/numeral.js';
import { matchAll, simpleValue, type SystemMatch } from '../system-entity.js';

const CHINESE = new RegExp(`第(${NUMERAL_SOURCE})`, 'g');
const SUFFIXED = /\b(\d+)(?:st|nd|rd|th)\b/gi;
const WORDS = new RegExp(ENGLISH_ORDINAL_SOURCE, 'gi');

export function extractOrdinals(text: string): SystemMatch[] {
  const out: SystemMatch[] = [];
  const push = (start: number, end: number, value: number | undefined): void => {
    if (value !== undefined && Number.isInteger(value)) out.push(simpleValue('ordinal', start, end, value));
  };
  for (const m of matchAll(CHINESE, text)) push(m.index, m.index + m[0].length, parseNumeral(m[1] as string));
  for (const m of matchAll(SUFFIXED, text)) push(m.index, m.index + m[0].length, Number(m[1]));
  for (const m of matchAll(WORDS, text)) push(m.index, m.index + m[0].length, parseEnglishOrdinal(m[0]));
  return out;
}
