// Chinese time grammar: 明天, 下周三, 3月5号, 下个月5号, 2026年12月1日, 今晚, 下午3点半, 十二点, 两小时后, 下个月,
// 这周末, 月底, 下个月初, 年底.
import { parseChineseNumeral } from '../../../../core/index.js';
import { ZH_DURATION_SOURCE, zhDuration } from '../dimensions/duration.js';
import { matchAll } from '../system-entity.js';
import type { PartOfDay, PieceData, TimePiece } from './time-piece.js';

const N = '[0-9０-９]{1,2}|[零〇一二两三四五六七八九十廿卅]{1,3}';
const WEEK_MOD = '(下下|下个?|上个?|这个?|本)';
/** 下个月, 上上个月, 这个月, 本月 */
const MONTH_MOD = '(下下个?|下个?|上上个?|上个?|这个?|本)';
/** with the northern 今儿 / 明儿个, which Duckling lacks but mean the same days */
const DAYS: Readonly<Record<string, number>> = {
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 昨儿: -1, 今天: 0, 今日: 0, 今儿: 0, 明天: 1, 明日: 1, 明儿: 1, 后天: 2, 后儿: 2, 大后天: 3,
};
const WEEKDAYS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const PODS: Readonly<Record<string, PartOfDay>> = {
  凌晨: 'early', 半夜: 'early', 早上: 'morning', 早晨: 'morning', 清早: 'morning', 一早: 'morning', 一大早: 'morning', 上午: 'morning', 中午: 'noon',
  下午: 'afternoon', 傍晚: 'evening', 晚上: 'evening', 夜里: 'night', 深夜: 'night', 晚: 'evening', 早: 'morning',
};
/** Holidays on a fixed solar date, as in Duckling's zh corpus (lunar ones below). */
const HOLIDAYS: Readonly<Record<string, [number, number]>> = {
  元旦: [1, 1], 元旦节: [1, 1], 情人节: [2, 14], 妇女节: [3, 8], 愚人节: [4, 1], 劳动节: [5, 1], 五一劳动节: [5, 1], 儿童节: [6, 1],
  国庆节: [10, 1], 国庆: [10, 1], 平安夜: [12, 24], 圣诞节: [12, 25], 圣诞: [12, 25],
};
/**
 * Holidays of the lunar calendar: [lunar month, day, days from it]. 元宵 and 腊八 alone are also foods
 * (元宵 dumplings, 腊八粥): only 元宵节 and 腊八节 / a 腊八 not followed by 粥 are days.
 */
const LUNAR_HOLIDAYS: Readonly<Record<string, [number, number, number]>> = {
  春节: [1, 1, 0], 除夕: [1, 1, -1], 大年三十: [1, 1, -1], 年三十: [1, 1, -1], 元宵节: [1, 15, 0], 端午节: [5, 5, 0], 端午: [5, 5, 0],
  七夕节: [7, 7, 0], 七夕: [7, 7, 0], 中秋节: [8, 15, 0], 中秋: [8, 15, 0], 重阳节: [9, 9, 0], 重阳: [9, 9, 0], 腊八节: [12, 8, 0], 腊八: [12, 8, 0],
};
const LUNAR_MONTHS: Readonly<Record<string, number>> = { 正: 1, 冬: 11, 腊: 12 };
/** 初一…初十, 十…二十九 (廿一…廿九 too), 三十; after a month name also 一…九 (腊月八) */
const LUNAR_DAY = '初[一二三四五六七八九十]|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十';
const lunarDay = (s: string): number | undefined => num(s.replace(/^初/, ''));
const POD_DAY: Readonly<Record<string, number>> = { 昨: -1, 今: 0, 明: 1, 后: 2 };

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : parseChineseNumeral(s));
const weekOffset = (mod: string | undefined): number | undefined =>
  mod === undefined ? undefined
    : mod.startsWith('下下') ? 2 : mod.startsWith('下') ? 1 : mod.startsWith('上上') ? -2 : mod.startsWith('上') ? -1 : 0;
const MONTH_PART: Readonly<Record<string, 'beginning' | 'end'>> = { 底: 'end', 末: 'end', 尾: 'end', 初: 'beginning', 头: 'beginning' };

/** The clock piece of one of two neighbouring hours said together (六七点), or none when they are not neighbours. */
function neighbouringHour(first: string | undefined, second: string | undefined, which: 'first' | 'second'): PieceData | undefined {
  const a = num(first);
  // 十一二点: the second hour is said without its 十
  const b = first === '十一' ? 12 : num(second);
  if (a === undefined || b !== a + 1) return undefined;
  return { kind: 'clock', hour: which === 'first' ? a : b };
}

type Rule = [RegExp, (m: RegExpExecArray, text: string) => PieceData | undefined];

/** 一点 is "a little" (快一点) unless a day or part of the day comes before it or 钟/分 after it. */
const TIME_CONTEXT_BEFORE = /(?:凌晨|半夜|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|深夜|[天日号晚早]|[周期拜][一二三四五六日天])$/;
const isLittleBit = (m: RegExpExecArray, text: string): boolean =>
  /^[一1]点$/.test(m[0]) && !/^钟/.test(text.slice(m.index + m[0].length)) && !TIME_CONTEXT_BEFORE.test(text.slice(0, m.index));

const rules: Rule[] = [
  [/(\d{4}|[〇零一二三四五六七八九]{4})年(?:(N)月(?:(N)[日号])?)?/g, (m) => {
    const year = num(m[1]);
    if (year === undefined) return undefined;
    if (m[2] === undefined) return { kind: 'date', date: { kind: 'calendar', year, month: 1, day: 1 } };
    return { kind: 'date', date: { kind: 'calendar', year, month: num(m[2]), ...(m[3] ? { day: num(m[3]) } : {}) } };
  }],
  // 一九年三月, 23年12月5号: a year said with two digits, which only a month after it tells from a duration (工作了19年)
  [/(?<![0-9０-９〇零一二三四五六七八九十百千])([0-9]{2}|[〇零一二三四五六七八九]{2})年(N)月(?:(N)[日号])?/g, (m) => {
    const shortYear = num(m[1]);
    if (shortYear === undefined) return undefined;
    return { kind: 'date', date: { kind: 'calendar', shortYear, month: num(m[2]), ...(m[3] ? { day: num(m[3]) } : {}) } };
  }],
  // 明年3月, 去年12月25号: a month of a year counted from this one
  [/(明|今|去|后|前)年(N)月(?:(N)[日号])?/g, (m) => ({
    kind: 'date', date: { kind: 'calendar', years: { 前: -2, 去: -1, 今: 0, 明: 1, 后: 2 }[m[1] as '今'], month: num(m[2]), ...(m[3] ? { day: num(m[3]) } : {}) },
  })],
  // 5.12号, 5/12日: a month and its day as written in figures; the day's 号 or 日 tells it from a decimal or a fraction
  [/(?<![0-9.．/])(1[0-2]|0?[1-9])[./](3[01]|[12][0-9]|0?[1-9])[日号]/g, (m) => ({ kind: 'date', date: { kind: 'calendar', month: Number(m[1]), day: Number(m[2]) } })],
  [/(N)月(?:(N)[日号])?/g, (m) => ({ kind: 'date', date: { kind: 'calendar', month: num(m[1]), ...(m[2] ? { day: num(m[2]) } : {}) } })],
  // a day of the month, not a house, building or line number (福华一路1号, 3号楼, 2号线)
  [/(?<![月\d路街道巷弄里村区栋幢楼座室层])(N)号(?![楼线门院床桌房室口车厅])/g, (m) => ({ kind: 'date', date: { kind: 'calendar', day: num(m[1]) } })],
  // a day of a month named relative to this one: 下个月5号, 上个月3号, 这个月20号
  [new RegExp(`${MONTH_MOD}月(N)[号日]`, 'g'), (m) => {
    const day = num(m[2]);
    return day === undefined ? undefined : { kind: 'date', date: { kind: 'month-day', months: weekOffset(m[1]) ?? 0, day } };
  }],
  // 月底, 这个月底, 下个月初, 3月底: see StretchRef for the bounds
  [new RegExp(`(?:${MONTH_MOD}|(N))?月(底|末|尾|初|头)`, 'g'), (m) => {
    const month = m[2] === undefined ? { kind: 'month-day' as const, months: weekOffset(m[1]) ?? 0, day: 1 } : { kind: 'calendar' as const, month: num(m[2]) };
    return { kind: 'stretch', stretch: { kind: 'month-part', part: MONTH_PART[m[3] as string] ?? 'end', month } };
  }],
  // 年底, 今年年底, 明年初, 2026年底
  [/(?:([今明去])|(\d{4}))?年年?(底|末|尾|初|头)/g, (m) => {
    const part = MONTH_PART[m[3] as string] ?? 'end';
    const year = m[2] === undefined ? { years: { 明: 1, 去: -1 }[m[1] as '明'] ?? 0 } : { year: Number(m[2]) };
    return { kind: 'stretch', stretch: { kind: 'year-part', part, ...year } };
  }],
  [new RegExp(`${MONTH_MOD}?(?:周末|週末)`, 'g'), (m) => ({ kind: 'stretch', stretch: { kind: 'weekend', week: weekOffset(m[1]) ?? 0 } })],
  [new RegExp(Object.keys(HOLIDAYS).sort((a, b) => b.length - a.length).join('|'), 'g'), (m) => {
    const [month, day] = HOLIDAYS[m[0]] ?? [1, 1];
    return { kind: 'date', date: { kind: 'calendar', month, day } };
  }],
  // 五一 and 十一 are also plain numbers (51, 11): holidays only as the days or the breaks they name (五一那天, 十一假期)
  [/(?<![0-9零〇一二两三四五六七八九十百千万])(五一|十一)(?:节|(?=那天|当天|假期|长假|期间|放假|前后|之前|以前|以后|前|后))/g, (m) => ({
    kind: 'date', date: { kind: 'calendar', month: m[1] === '五一' ? 5 : 10, day: 1 },
  })],
  [new RegExp(`(?:${Object.keys(LUNAR_HOLIDAYS).sort((a, b) => b.length - a.length).join('|')})(?!粥|蒜)`, 'g'), (m) => {
    const [month, day, shift] = LUNAR_HOLIDAYS[m[0]] ?? [1, 1, 0];
    return { kind: 'date', date: { kind: 'lunar', month, day, shift } };
  }],
  // 大年初二, 正月十五, 腊月二十三, 农历八月十五, 阴历三月初三
  [new RegExp(`(?:大年|正月)(${LUNAR_DAY})|(?:(?:农历|阴历)(N)|([正冬腊]))月(${LUNAR_DAY}|[一二三四五六七八九])`, 'g'), (m) => {
    const month = m[1] !== undefined ? 1 : m[2] !== undefined ? num(m[2]) : LUNAR_MONTHS[m[3] as string];
    const day = lunarDay((m[1] ?? m[4]) as string);
    if (month === undefined || day === undefined || month < 1 || month > 12 || day < 1 || day > 30) return undefined;
    return { kind: 'date', date: { kind: 'lunar', month, day } };
  }],
  [/大前天|前天|昨天|昨日|昨儿个?|今天|今日|今儿个?|明天|明日|明儿个?|大后天|后天|后儿个?/g, (m) => ({ kind: 'date', date: { kind: 'relative-day', days: DAYS[m[0].replace(/个$/, '')] ?? 0 } })],
  [new RegExp(`${WEEK_MOD}?(?:周|星期|礼拜)([一二三四五六日天1-7])`, 'g'), (m) => {
    const week = weekOffset(m[1]);
    return { kind: 'date', date: { kind: 'weekday', weekday: WEEKDAYS[m[2] as string] ?? 1, ...(week === undefined ? {} : { week }) } };
  }],
  [new RegExp(`${WEEK_MOD}(周|星期|礼拜|月)(?![一二三四五六日天1-7])`, 'g'), (m) => ({ kind: 'period', grain: m[2] === '月' ? 'month' : 'week', offset: weekOffset(m[1]) ?? 0 })],
  [/(明|今|去|后|前)年(?![0-9一二三四五六七八九十]+月)/g, (m) => ({ kind: 'period', grain: 'year', offset: { 前: -2, 去: -1, 今: 0, 明: 1, 后: 2 }[m[1] as '今'] })],
  // 周一晚 (Duckling's corpus), 5号早: a bare 晚 / 早 after a weekday or a day of the month; not 早点 / 晚点
  // ("early", "later"), 晚会 (a party), 晚饭 and the like
  [/(?<=[周期拜][一二三四五六日天1-7]|[号日])(晚|早)(?![上晨饭餐安了些点会报])/g, (m) => ({ kind: 'pod', pod: PODS[m[1] as string] ?? 'evening' })],
  // 后 is 后天 here, unless it ends a duration (三天后下午: the afternoon three days on, not the day after tomorrow's)
  [/([昨今明]|(?<![天周月年时钟分秒])后)(晚|早)(?!上|晨|饭|餐)|([昨今明]|(?<![天周月年时钟分秒])后)?(凌晨|半夜|早上|早晨|清早|一大早|一早|上午|中午|下午|傍晚|晚上|夜里|深夜)/g, (m) => {
    const day = m[1] ?? m[3];
    const pod = PODS[(m[2] ?? m[4]) as string] ?? 'morning';
    return { kind: 'pod', pod, ...(day ? { date: { kind: 'relative-day', days: POD_DAY[day] ?? 0 } } : {}) };
  }],
  // minutes to the hour: 差五分八点, 八点差五分 (7:55), 差一刻八点 (7:45)
  [/差(?:(N)分钟?|(一刻|1刻))(N)(?:点钟?|[时時])|(N)(?:点|[时時])差(?:(N)分钟?|(一刻|1刻))/g, (m) => {
    const before = m[2] || m[6] ? 15 : num(m[1] ?? m[5]);
    const hour = num(m[3] ?? m[4]);
    if (before === undefined || hour === undefined || before < 1 || before > 59 || hour < 1 || hour > 24) return undefined;
    return { kind: 'clock', hour: hour - 1, minute: 60 - before };
  }],
  // minutes: 半, 一刻, 05, 零五, 零5 (without which 8点零5分 read as the decimal 8.05), 十五, 5分
  // (时 in 时间 / 时候 / 时期 / 时刻 / 一时半会 is no clock: 同一时间 is "the same time", not 1 o'clock)
  [/(N)(?:点钟?|[时時](?![间間候期刻]|半会))(?:(半)|(一刻|1刻)|(三刻|3刻)|([零〇][0-9０-９]|\d{2}|[零〇一二三四五六七八九十]{2,3})分?|(N)分)?/g, (m, text) => {
    if (isLittleBit(m, text)) return undefined;
    // 零点三五 is the decimal 0.35: midnight is not told in digits said one by one without 分
    if (/^[零〇0０]$/.test(m[1] ?? '') && /^[零〇一二三四五六七八九]{2,3}$/.test(m[5] ?? '') && !m[0].endsWith('分')) return undefined;
    const hour = num(m[1]);
    const minute = m[2] ? 30 : m[3] ? 15 : m[4] ? 45 : num(m[5] ?? m[6]);
    if (hour === undefined || hour > 24 || (minute !== undefined && minute > 59)) return undefined;
    return { kind: 'clock', hour, ...(minute === undefined ? {} : { minute }) };
  }],
  // two neighbouring hours said together, 六七点 ("six or seven o'clock"): the range from the first to the second
  // (十一二点 is eleven or twelve; 二十一二点, said on a 24-hour clock, is left alone)
  [/((?<![一二两三四五六七八九])十一|(?<!十)[一二两三四五六七八九])(?=([二三四五六七八九十])(?:点|时|時))/g, (m) => neighbouringHour(m[1], m[2], 'first')],
  [/(?<=[一二两三四五六七八九])([二三四五六七八九十])(?:点钟?|时|時)/g, (m, text) => {
    const before = text.slice(0, m.index);
    if (/[一二两三四五六七八九]十一$/.test(before)) return undefined;
    return neighbouringHour(before.endsWith('十一') ? '十一' : before.slice(-1), m[1], 'second');
  }],
  // the bare first hour of a range: 3 in "3到5点"
  [/(N)(?=\s*(?:到|至|-|~|～)\s*(N)(?:点|时|時))/g, (m) => {
    const hour = num(m[1]);
    return hour === undefined || hour > 24 ? undefined : { kind: 'clock', hour };
  }],
  [/(?<!\d)(\d{1,2})[:：](\d{2})(?!\d)/g, (m) => clock24(Number(m[1]), Number(m[2]))],
  [new RegExp(`(?:${ZH_DURATION_SOURCE})(以后|之后|后|以前|之前|前)`, 'g'), (m) => {
    const d = zhDuration(m);
    return d && { kind: 'shift', amount: d.value, unit: d.unit, direction: (m[8] ?? '').includes('前') ? -1 : 1 };
  }],
  // Duckling's 再 <duration> ("in <duration>"), also with 过: 再10分钟, 再过半小时, 过两天; not 超过两天 (more
  // than two days), 不过两天 (only two days), 度过 / 经过 (spent, passed)
  [new RegExp(`(?:再过?|(?<![超不没错经通度路难好])过)(?:${ZH_DURATION_SOURCE})(?:以后|之后|后)?`, 'g'), (m) => {
    const d = zhDuration(m);
    return d && { kind: 'shift', amount: d.value, unit: d.unit, direction: 1 };
  }],
  // Duckling's "within <duration>" of its other languages (its zh grammar has none): 一个小时内, 两天之内
  [new RegExp(`(?:${ZH_DURATION_SOURCE})(?:之内|以内|内)`, 'g'), (m) => {
    const d = zhDuration(m);
    return d && { kind: 'within', amount: d.value, unit: d.unit };
  }],
  [/现在|此刻|马上|立刻/g, () => ({ kind: 'now' })],
];

function clock24(hour: number, minute: number): PieceData | undefined {
  return hour <= 24 && minute <= 59 ? { kind: 'clock', hour, minute } : undefined;
}

const compiled = rules.map(([re, build]) => [new RegExp(re.source.replaceAll('(N)', `(${N})`), re.flags), build] as const);

export function zhTimePieces(text: string): TimePiece[] {
  const out: TimePiece[] = [];
  for (const [re, build] of compiled) {
    for (const m of matchAll(re, text)) {
      const piece = build(m, text);
      if (piece) out.push({ ...piece, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
