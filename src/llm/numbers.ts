// The numbers a text states, as canonical strings, so "两份" and "2份" compare equal.
import { parseChineseNumeral } from '../core/index.js';

const ARABIC = /\d+(?:\.\d+)?/g;
// A Chinese numeral counts only before a measure word: "一个"/"一下" are not quantities.
const MEASURES = '份杯碗盒瓶位件斤块元人张道只条天周月年小时分钟号楼层室串根包袋桌';
const CHINESE = new RegExp(`([零〇一二两三四五六七八九十百千万]+)(?=[${MEASURES}])`, 'g');

const canonical = (n: string): string => (n.includes('.') ? String(Number(n)) : n.replace(/^0+(?=\d)/, ''));

export function numbersIn(text: string): Set<string> {
  const t = text.normalize('NFKC');
  const out = new Set<string>();
  for (const m of t.matchAll(ARABIC)) out.add(canonical(m[0]));
  for (const m of t.matchAll(CHINESE)) {
    const n = parseChineseNumeral(m[1] ?? '');
    if (n !== undefined) out.add(String(n));
  }
  return out;
}
