// Amounts of money as Duckling's intervals: a bound ("100块以内", "under $20", "at least 50 euros")
// keeps one side, a range ("五十到一百块之间", "100-200元", "between 10 and 20 dollars", "$10-$20") both.
// The value is {from, to} as for times (a side without a bound is left out); additional_info has
// Duckling's shape, each side with its unit. A range's first amount may leave out the currency, which
// the second names.
import { ANY_NUMERAL_SOURCE, parseNumeral } from '../numerals/numeral.js';
import type { SystemMatch } from '../system-entity.js';

type Side = 'from' | 'to';

/** words before an amount that bound it: 不超过100块 is at most 100 */
const ZH_BEFORE: readonly [RegExp, Side][] = [
  [/(?:不超过|不超出|不高于|不到|低于|少于|最多|顶多|至多)\s*$/, 'to'],
  [/(?:至少|最少|起码|不少于|不低于|高于|超过|多于)\s*$/, 'from'],
];
/** words after an amount that bound it: 100块以内 is at most 100 */
const ZH_AFTER: readonly [RegExp, Side][] = [
  [/^\s*(?:以内|之内|以下|左右以内)/, 'to'],
  [/^\s*(?:以上|起步|起)/, 'from'],
];
const EN_BEFORE: readonly [RegExp, Side][] = [
  [/\b(?:under|below|less than|up to|at most|no more than|not more than|max(?:imum)?|cheaper than|within)\s+$/i, 'to'],
  [/\b(?:over|above|more than|at least|no less than|min(?:imum)?|upwards of)\s+$/i, 'from'],
];
const EN_AFTER: readonly [RegExp, Side][] = [
  [/^\s+(?:or (?:less|under|below)|max(?:imum)?|tops)\b/i, 'to'],
  [/^\s+(?:or (?:more|over|above)|and up)\b/i, 'from'],
];

/** a range's first amount, the word joining it to the second, and the second's start: 五十到, 100-, between 10 and */
const RANGE_BEFORE = new RegExp(
  `(?:\\bbetween\\s+|\\bfrom\\s+)?(?:[$€£¥￥]\\s?)?(${ANY_NUMERAL_SOURCE})\\s*(?:块钱|块|元钱|元|美元|dollars?|bucks?|euros?|pounds?)?\\s*(?:到|至|-|–|—|－|~|～|\\bto\\b|\\band\\b)\\s*$`, 'i');
/** what may close a range after its second amount: 五十到一百块之间 */
const RANGE_AFTER = /^\s*(?:之间|以内)/;

/** The currency of an amount match (Duckling's additional_info.unit). */
export const unitOf = (m: SystemMatch): unknown => (m.additional_info as { unit?: unknown }).unit;

function interval(start: number, end: number, unit: unknown, sides: Partial<Record<Side, number>>): SystemMatch {
  const info: Record<string, unknown> = { type: 'interval' };
  const value: Partial<Record<Side, number>> = {};
  for (const side of ['from', 'to'] as const) {
    const v = sides[side];
    if (v === undefined) continue;
    value[side] = v;
    info[side] = { value: v, unit };
  }
  return { dim: 'amount-of-money', start, end, value, additional_info: info };
}

const BEFORE = [...ZH_BEFORE, ...EN_BEFORE];
const AFTER = [...ZH_AFTER, ...EN_AFTER];

function bound(text: string, m: SystemMatch): SystemMatch | undefined {
  const head = text.slice(Math.max(0, m.start - 16), m.start);
  const tail = text.slice(m.end, m.end + 16);
  for (const [re, side] of BEFORE) {
    const hit = re.exec(head);
    if (hit) return interval(m.start - hit[0].length, m.end, unitOf(m), { [side]: m.value as number });
  }
  for (const [re, side] of AFTER) {
    const hit = re.exec(tail);
    if (hit) return interval(m.start, m.end + hit[0].length, unitOf(m), { [side]: m.value as number });
  }
  return undefined;
}

function range(text: string, m: SystemMatch): SystemMatch | undefined {
  const head = text.slice(Math.max(0, m.start - 40), m.start);
  const hit = RANGE_BEFORE.exec(head);
  if (!hit) return undefined;
  const from = parseNumeral(hit[1] as string);
  if (from === undefined || from >= (m.value as number)) return undefined;
  const closing = RANGE_AFTER.exec(text.slice(m.end));
  return interval(m.start - hit[0].length, m.end + (closing ? closing[0].length : 0), unitOf(m), { from, to: m.value as number });
}

/**
 * Each plain amount that a range or a bound surrounds, replaced by the interval; "$10-$20" reports
 * the interval, not the two amounts.
 */
export function withIntervals(text: string, found: readonly SystemMatch[]): SystemMatch[] {
  const out: SystemMatch[] = [];
  const consumed = new Set<SystemMatch>();
  for (const m of found) {
    if (typeof m.value !== 'number') { out.push(m); continue; }
    const r = range(text, m);
    const b = r ?? bound(text, m);
    if (!b) { out.push(m); continue; }
    // the first amount of "$10-$20" is inside the range: it goes with it
    for (const o of found) if (o !== m && o.start >= b.start && o.end <= b.end) consumed.add(o);
    out.push(b);
  }
  return out.filter((m) => !consumed.has(m));
}
