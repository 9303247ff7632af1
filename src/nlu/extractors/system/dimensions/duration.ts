// The `duration` dimension: 2小时, 三天, 半小时, 一个半小时, 15 minutes, half an hour, an hour, one and a half
// hours, a couple of days.
import { AND_A_HALF_SOURCE } from '../../../../core/index.js';
import { ANY_NUMERAL_SOURCE, NUMERAL_SOURCE, parseNumeral } from '../numerals/numeral.js';
import { matchAll, type SystemMatch } from '../system-entity.js';

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export const SECONDS: Readonly<Record<DurationUnit, number>> = {
  second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000,
};

const ZH_UNITS: Readonly<Record<string, DurationUnit>> = {
  秒钟: 'second', 秒: 'second', 分钟: 'minute', 个小时: 'hour', 小时: 'hour', 个钟头: 'hour', 钟头: 'hour', 天: 'day',
  个星期: 'week', 星期: 'week', 个礼拜: 'week', 礼拜: 'week', 周: 'week', 个月: 'month', 年: 'year',
};
const EN_UNITS: Readonly<Record<string, DurationUnit>> = {
  second: 'second', seconds: 'second', sec: 'second', secs: 'second', minute: 'minute', minutes: 'minute', min: 'minute', mins: 'minute',
  hour: 'hour', hours: 'hour', hr: 'hour', hrs: 'hour', day: 'day', days: 'day', week: 'week', weeks: 'week', fortnight: 'week', fortnights: 'week',
  month: 'month', months: 'month', year: 'year', years: 'year',
};

// 两个半月 is two and a half months; 月 alone after a numeral names one (三月 is March)
const zhUnit = `(${Object.keys(ZH_UNITS).join('|')}|(?<=个半)月)`;
// not after 第: 第二天 is "the next day", not two days
// (group 7: quarter hours, 一刻钟 to 三刻钟; the time grammar counts on these seven groups)
const ZH = new RegExp(`(?<!第)(${NUMERAL_SOURCE})(个半|半)?${zhUnit}(半)?|半(个)?(小时|钟头|天|个月|年)|([一两三]刻钟)`, 'g');
const enUnit = `(${Object.keys(EN_UNITS).join('|')})`;
// groups: 1 amount, 2 unit (an hour and a half); 3 unit (half an hour); 4 amount, 5 unit (one and a half hours); 6 unit (a couple of days);
// 7 quarters of an hour (a quarter of an hour, three quarters of an hour)
const EN = new RegExp(`(${ANY_NUMERAL_SOURCE}|\\ban?)\\s?${enUnit}\\b(?:${AND_A_HALF_SOURCE})?|\\bhalf an? (hour|day|minute)\\b`
  + `|(${ANY_NUMERAL_SOURCE}|\\ban?)${AND_A_HALF_SOURCE}\\s+${enUnit}\\b|\\ba\\s+couple\\s+of\\s+${enUnit}\\b`
  + `|\\b(a|one|three)\\s+quarters?\\s+of\\s+an\\s+hour\\b`, 'gi');

export function durationMatch(start: number, end: number, value: number, unit: DurationUnit): SystemMatch {
  return {
    dim: 'duration', start, end, value,
    additional_info: { value, type: 'value', unit, [unit]: value, normalized: { value: value * SECONDS[unit], unit: 'second' } },
  };
}

const DIGIT_BY_DIGIT = /^[〇零一二两三四五六七八九]{2,}$/;

/** Parses one duration phrase from a match of the patterns; also used by "in 2 hours" / "2小时后". */
export function zhDuration(m: RegExpExecArray): { value: number; unit: DurationUnit } | undefined {
  if (m[7]) return { value: 15 * (parseNumeral(m[7].charAt(0)) ?? 1), unit: 'minute' };
  if (m[6]) return { value: 0.5, unit: ZH_UNITS[m[6]] ?? 'hour' };
  // digits read one by one (九八年, 零五年) name a year, not an amount: 98 years is 九十八年
  if (DIGIT_BY_DIGIT.test(m[1] as string)) return undefined;
  const n = parseNumeral(m[1] as string);
  const unit = m[3] === '月' ? 'month' : ZH_UNITS[m[3] as string];
  if (n === undefined || !unit) return undefined;
  return { value: n + (m[2] || m[4] ? 0.5 : 0), unit };
}

export function enDuration(m: RegExpExecArray): { value: number; unit: DurationUnit } | undefined {
  if (m[7]) return { value: /^three$/i.test(m[7]) ? 45 : 15, unit: 'minute' };
  if (m[3]) return { value: 0.5, unit: EN_UNITS[m[3].toLowerCase()] ?? 'hour' };
  if (m[6]) {
    const unit = EN_UNITS[m[6].toLowerCase()];
    return unit && { value: 2, unit };
  }
  const raw = ((m[1] ?? m[4]) as string).trim().toLowerCase();
  const n = raw === 'a' || raw === 'an' ? 1 : parseNumeral(raw);
  const word = ((m[2] ?? m[5]) as string).toLowerCase();
  const unit = EN_UNITS[word];
  if (n === undefined || !unit) return undefined;
  // a fortnight is two weeks
  const weeks = word.startsWith('fortnight') ? 2 : 1;
  return { value: (n + (m[5] !== undefined || /and a half$/i.test(m[0]) ? 0.5 : 0)) * weeks, unit };
}

export const ZH_DURATION_SOURCE = ZH.source;
export const EN_DURATION_SOURCE = EN.source;

export function extractDurations(text: string): SystemMatch[] {
  const out: SystemMatch[] = [];
  for (const m of matchAll(ZH, text)) {
    const d = zhDuration(m);
    if (d) out.push(durationMatch(m.index, m.index + m[0].length, d.value, d.unit));
  }
  for (const m of matchAll(EN, text)) {
    const d = enDuration(m);
    if (d) out.push(durationMatch(m.index, m.index + m[0].length, d.value, d.unit));
  }
  return out;
}
