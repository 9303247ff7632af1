// Chinese numerals (十二, 一百零五, 三千五, 一万二, 两, 二〇二六, 3千, 1.5万, 一点五) → numbers. In core: the NLU's system
// entities, float slots filled from entities and the LLM rephrase guard all read numbers the same way.
import { AND_A_HALF_SOURCE, parseEnglishNumber } from './english-numeral.js';

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
/** 廿 / 卅 / 卌: twenty, thirty, forty in one character (廿三 = 23; dates and colloquial counts). */
const TENS: Readonly<Record<string, number>> = { 廿: 2, 卄: 2, 卅: 3, 卌: 4 };

/** Characters a Chinese (or mixed) numeral is made of; used to build the text patterns. */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾廿卄卅卌百佰千仟万萬亿億';

/** Full-width ASCII (digits, signs, letters) and the ideographic space as ASCII, one character for one (offsets stay valid), so ３ and 3 read the same. */
export const toHalfWidth = (s: string): string =>
  s.replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

type Token = { kind: 'digit'; value: number; zero: boolean } | { kind: 'unit'; value: number; big: boolean };

function tokenize(s: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i] as string;
    const arabic = /^\d+/.exec(s.slice(i));
    if (arabic) { tokens.push({ kind: 'digit', value: Number(arabic[0]), zero: false }); i += arabic[0].length; continue; }
    if (c in DIGITS) tokens.push({ kind: 'digit', value: DIGITS[c] as number, zero: DIGITS[c] === 0 });
    else if (c in TENS) tokens.push({ kind: 'digit', value: TENS[c] as number, zero: false }, { kind: 'unit', value: 10, big: false });
    else if (c in SMALL_UNITS) tokens.push({ kind: 'unit', value: SMALL_UNITS[c] as number, big: false });
    else if (c in BIG_UNITS) tokens.push({ kind: 'unit', value: BIG_UNITS[c] as number, big: true });
    else return undefined;
    i++;
  }
  return tokens;
}

/** Digits read one by one, as years and codes are: 二〇二六 → 2026. */
function positional(tokens: Token[]): number | undefined {
  let out = '';
  for (const t of tokens) {
    if (t.kind !== 'digit' || t.value > 9) return tokens.length === 1 && t.kind === 'digit' ? t.value : undefined;
    out += String(t.value);
  }
  return Number(out);
}

/** Integer numerals with units; a trailing digit after a unit ≥ 百 abbreviates the next unit down (三千五 = 3500). */
function withUnits(tokens: Token[]): number | undefined {
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let lastUnit = 0;
  let zeroSinceUnit = false;
  let prev: Token | undefined;
  for (const t of tokens) {
    if (t.kind === 'digit') {
      if (t.zero) { zeroSinceUnit = true; prev = t; continue; }
      if (current !== undefined) return undefined;
      current = t.value;
    } else if (!t.big) {
      if (prev?.kind === 'unit' && !prev.big) return undefined;
      section += (current ?? 1) * t.value;
      current = undefined;
      lastUnit = t.value;
      zeroSinceUnit = false;
    } else {
      const block = section + (current ?? 0);
      total = t.value === 1e8 ? (total + (block || 1)) * t.value : total + (block || 1) * t.value;
      section = 0; current = undefined; lastUnit = t.value; zeroSinceUnit = false;
    }
    prev = t;
  }
  if (current !== undefined) {
    // 三千五 is 3500, but 两万5000 is 25000: only a single digit abbreviates
    const abbreviated = prev?.kind === 'digit' && current <= 9 && !zeroSinceUnit && lastUnit >= 100 && tokens.at(-2)?.kind === 'unit';
    section += abbreviated ? current * (lastUnit / 10) : current;
  }
  return total + section;
}

/**
 * 两三, 三四, 七八, 一两: two neighbouring digits said together are "two or three", an estimate, not
 * twenty-three. Their two values, or undefined for any other text.
 */
export function approximatePair(s: string): [number, number] | undefined {
  if (!/^[一二两三四五六七八九]{2}$/u.test(s)) return undefined;
  const a = DIGITS[s[0] as string] as number;
  const b = DIGITS[s[1] as string] as number;
  return b === a + 1 ? [a, b] : undefined;
}

function parseInteger(s: string): number | undefined {
  if (approximatePair(s)) return undefined;
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0) return undefined;
  return tokens.some((t) => t.kind === 'unit') ? withUnits(tokens) : positional(tokens);
}

function fractionDigits(s: string): string | undefined {
  let out = '';
  for (const c of s) {
    if (/\d/.test(c)) out += c;
    else if (c in DIGITS) out += String(DIGITS[c]);
    else return undefined;
  }
  return out;
}

/** Parses a Chinese, Arabic or mixed numeral; undefined when the text is not one. */
export function parseChineseNumeral(raw: string): number | undefined {
  const s = toHalfWidth(raw).replace(/,(?=\d{3})/g, '');
  const decimal = /^([^.点]+)[.点]([^.点]+?)([十百千万亿萬億]*)$/.exec(s);
  if (decimal) {
    const int = parseInteger(decimal[1] as string);
    const frac = fractionDigits(decimal[2] as string);
    const scale = [...(decimal[3] ?? '')].reduce((acc, c) => acc * (SMALL_UNITS[c] ?? BIG_UNITS[c] ?? 1), 1);
    if (int === undefined || frac === undefined || frac === '') return undefined;
    return Number(`${int}.${frac}`) * scale;
  }
  return parseInteger(s);
}

const NUMERAL = '[0-9０-９.．,，零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億点]+';
/** 三份, 2 份, 两份半, 一个半, 1.5: a numeral, at most one measure word, and a half after it */
const CHINESE_AMOUNT = new RegExp(`^\\s*(${NUMERAL})\\s*(?:(\\p{Script=Han})\\s*(半)?)?\\s*$`, 'u');
/** 半份, 半个: half of one */
const HALF = /^\s*半\s*\p{Script=Han}\s*$/u;

/** Digits, or English number words other than a bare "a" (a few, a lot). */
function englishNumber(words: readonly string[]): number | undefined {
  const text = words.join(' ');
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(text)) return Number(text);
  return /^an?$/i.test(text) ? undefined : parseEnglishNumber(text);
}

/** an amount, "and a half", and what follows (a measure word) */
const ENGLISH_HALF = new RegExp(`^(.*\\S)${AND_A_HALF_SOURCE}(.*)$`, 'i');

/**
 * two, twenty one, a dozen, 3 pizzas, two and a half: English number words or digits, at most one
 * word after them, and a half.
 */
function englishAmount(text: string): number | undefined {
  const half = ENGLISH_HALF.exec(text.trim());
  if (half) {
    const whole = englishAmount(`${half[1] as string}${half[2] as string}`);
    return whole === undefined || !Number.isInteger(whole) ? undefined : whole + 0.5;
  }
  const words = text.trim().split(/\s+/);
  if (!words.every((w) => /^[a-z0-9.-]+$/i.test(w))) return undefined;
  return englishNumber(words) ?? (words.length > 1 ? englishNumber(words.slice(0, -1)) : undefined);
}

/**
 * The amount a short entity text states, one measure word allowed: 三份 → 3, 2 份 → 2, 一百零五 → 105,
 * 1.5 → 1.5, 俩 → 2, 两份半 → 2.5, 半份 → 0.5, 一打 → 12, twenty one → 21, 3 pizzas → 3, two and a half → 2.5; undefined when the text
 * is not just an amount (很多, 三份牛肉饭).
 */
export function statedAmount(text: string): number | undefined {
  // 俩 and 仨 are 两个 and 三个 run together: the measure word is in the character
  const fused = /^\s*([俩仨])\s*$/u.exec(text);
  if (fused) return fused[1] === '俩' ? 2 : 3;
  // 打 is a dozen: 一打 12, 半打 6
  if (HALF.test(text)) return text.includes('打') ? 6 : 0.5;
  const zh = CHINESE_AMOUNT.exec(text);
  if (zh) {
    const n = parseChineseNumeral(zh[1] as string);
    const amount = n === undefined ? undefined : n + (zh[3] ? 0.5 : 0);
    return amount !== undefined && zh[2] === '打' ? amount * 12 : amount;
  }
  return englishAmount(text);
}
