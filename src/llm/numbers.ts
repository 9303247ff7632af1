// The numbers a text states, as canonical strings, so "两份" and "2份" compare equal.
const ARABIC = /\d+(?:\.\d+)?/g;
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };
// A Chinese numeral counts only before a measure word: "一个"/"一下" are not quantities.
const MEASURES = '份杯碗盒瓶位件斤块元人张道只条天周月年小时分钟号楼层室串根包袋桌';
const CHINESE = new RegExp(`([零〇一二两三四五六七八九十百千万]+)(?=[${MEASURES}])`, 'g');

/** 二十三 → 23, 两 → 2, 十五 → 15, 一百零五 → 105 (numbers up to the ten-thousands). */
export function chineseNumeral(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      const unit = UNITS[ch] as number;
      if (unit === 10_000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else {
        section += (digit ?? 1) * unit;
      }
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

const canonical = (n: string): string => (n.includes('.') ? String(Number(n)) : n.replace(/^0+(?=\d)/, ''));

export function numbersIn(text: string): Set<string> {
  const t = text.normalize('NFKC');
  const out = new Set<string>();
  for (const m of t.matchAll(ARABIC)) out.add(canonical(m[0]));
  for (const m of t.matchAll(CHINESE)) {
    const n = chineseNumeral(m[1] ?? '');
    if (n !== undefined) out.add(String(n));
  }
  return out;
}
