// English time grammar: today, tomorrow, next wednesday, on friday, March 5th, tonight, this evening,
// at 5pm, 17:30, noon, in 2 hours, 3 days ago, a week from today, next week, this weekend, end of the month.
import { ENGLISH_NUMBER_SOURCE, ENGLISH_ORDINAL_SOURCE, parseEnglishNumber, parseEnglishOrdinal } from '../../../../core/index.js';
import { EN_DURATION_SOURCE, enDuration } from '../dimensions/duration.js';
import { matchAll } from '../system-entity.js';
import type { DateRef, PartOfDay, PieceData, TimePiece } from './time-piece.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Duckling's abbreviations; sat, sun and wed are also words ("we sat down"), see WEEKDAY_RULES */
const SAFE_ABBREVIATIONS = 'mon|tues?|thu(?:rs?)?|fri';
const WORD_ABBREVIATIONS = 'wed|sat|sun';
const weekdayNumber = (word: string): number => WEEKDAYS.findIndex((d) => d.startsWith(word.toLowerCase().slice(0, 3))) + 1;
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
/** Holidays on a fixed date, as Duckling reads them. */
const HOLIDAYS: readonly [RegExp, number, number][] = [
  [/^new\s*year'?s?\s+eve$/i, 12, 31], [/^new\s*year'?s?(?:\s+day)?$/i, 1, 1], [/^valentine'?s?(?:\s+day)?$/i, 2, 14],
  [/^hallowe'?en$/i, 10, 31], [/^(?:christmas|xmas)\s+eve$/i, 12, 24], [/^(?:christmas|xmas)(?:\s+day)?$/i, 12, 25],
];
const HOLIDAY = "\\b(?:new\\s*year'?s?\\s+eve|new\\s*year'?s?\\s+day|new\\s*year'?s|valentine'?s?\\s+day|valentine'?s|hallowe'?en|(?:christmas|xmas)(?:\\s+eve|\\s+day)?)\\b";
const DAYS: Readonly<Record<string, number>> = {
  'the day before yesterday': -2, 'day before yesterday': -2, yesterday: -1, today: 0, 'the day after tomorrow': 2,
  'day after tomorrow': 2, tomorrow: 1, tmrw: 1, tomorow: 1,
};
const PODS: Readonly<Record<string, PartOfDay>> = { morning: 'morning', afternoon: 'afternoon', evening: 'evening', night: 'night', tonight: 'evening' };
const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
const ORD = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+(\\d{4}))?';

type Piece = PieceData | undefined;
/** what joins the ends of a range of hours, and what may follow a range of bare hours */
const RANGE_JOIN = '(?:-|–|to|till|until|and)';
const RANGE_CLOSE = `(?=\\s*(?:$|[,.!?;)]|(?:today|tomorrow|tonight|on|this|next|in\\s+the|every|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\\b))`;
/** "0 to 10", "1-10": a scale, not hours */
const SCALE_END = new RegExp(`^[01]\\s*${RANGE_JOIN}\\s*10\\b`, 'i');
const DATE_LEAD = /\b(?:on|by|for|until|till|before|after|from|since|due)\s+$/i;
const DATE_TAIL = /^\s*(?:at\s+\d|\d{1,2}(?::\d{2})?\s*[ap]\.?m|(?:in\s+the\s+)?(?:morning|afternoon|evening|night)\b|凌晨|早上|上午|中午|下午|傍晚|晚上)/i;
const calendar = (month: string | undefined, day: string | undefined, year: string | undefined): Piece => ({
  kind: 'date', date: { kind: 'calendar', month: MONTHS[(month ?? '').toLowerCase()], day: Number(day), ...(year ? { year: Number(year) } : {}) },
});
const hourNumber = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : parseEnglishNumber(s));

const DIGIT_WORD = '(?:one|two|three|four|five|six|seven|eight|nine)';
/** an hour as said: 1–12 or one–twelve */
const SPOKEN_HOUR = `(1[0-2]|0?[1-9]|${DIGIT_WORD}|ten|eleven|twelve)`;
/** its minutes as said: two digits, oh five, ten–nineteen, twenty to fifty-nine */
const SPOKEN_MINUTE = `([0-5]\\d|oh[\\s-]${DIGIT_WORD}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[\\s-]${DIGIT_WORD})?)`;
const MERIDIEM = '([ap])\\.?m\\.?(?![a-z])';
const minuteNumber = (s: string): number | undefined => hourNumber(s.replace(/^oh[\s-]/i, ''));

function clock(hour: number | undefined, minute: string | undefined, meridiem: string | undefined): Piece {
  if (hour === undefined || hour > 24 || (meridiem && hour > 12)) return undefined;
  const mer = meridiem ? (meridiem.toLowerCase().startsWith('a') ? 'am' : 'pm') : undefined;
  const min = minute === undefined ? undefined : Number(minute);
  if (min !== undefined && min > 59) return undefined;
  return { kind: 'clock', hour, ...(min === undefined ? {} : { minute: min }), ...(mer ? { meridiem: mer } : {}) } as Piece;
}

function weekday(m: RegExpExecArray): Piece {
  return { kind: 'date', date: { kind: 'weekday', weekday: weekdayNumber(m[3] as string), ...(m[1] ? { week: 1 } : m[2] ? { week: 'last' as const } : {}) } };
}

const WEEKDAY_LEAD = '(?:(?:on|this|coming|(next)|(last))\\s+)';
/**
 * monday, fri, next tues; sat / sun / wed only after on/this/next/last or before a clock time ("sat 7pm",
 * "Sat at 7"), and not as the verb after a subject ("we sat at 7")
 */
const WEEKDAY_RULES: [RegExp, (m: RegExpExecArray) => Piece][] = [
  [new RegExp(`\\b${WEEKDAY_LEAD}?(${WEEKDAYS.join('|')}|${SAFE_ABBREVIATIONS})\\b\\.?`, 'gi'), weekday],
  [new RegExp(`\\b${WEEKDAY_LEAD}(${WORD_ABBREVIATIONS})\\b\\.?`, 'gi'), weekday],
  [new RegExp(`(?<!\\b(?:i|we|you|they|he|she|it|who|had|just|then)\\s+)\\b()()(${WORD_ABBREVIATIONS})\\b\\.?(?=,?\\s+(?:at\\s+)?\\d)`, 'gi'), weekday],
];

const rules: [RegExp, (m: RegExpExecArray, text: string) => Piece][] = [
  [new RegExp(`\\b${MONTH}\\s+${ORD}${YEAR}\\b`, 'gi'), (m) => calendar(m[1], m[2], m[3])],
  [new RegExp(`\\b(?:the\\s+)?${ORD}\\s+(?:of\\s+)?${MONTH}${YEAR}\\b`, 'gi'), (m) => calendar(m[2], m[1], m[3])],
  // the twenty-first of may: a day in words only with "of" ("a second may pass" is no date)
  [new RegExp(`(?:\\bthe\\s+)?(${ENGLISH_ORDINAL_SOURCE})\\s+of\\s+${MONTH}${YEAR}\\b`, 'gi'), (m) => {
    const day = parseEnglishOrdinal(m[1] as string);
    return day === undefined || day > 31 ? undefined : calendar(m[2], String(day), m[3]);
  }],
  [new RegExp(HOLIDAY, 'gi'), (m) => {
    const [, month, day] = HOLIDAYS.find(([re]) => re.test(m[0])) ?? [];
    return month === undefined ? undefined : { kind: 'date', date: { kind: 'calendar', month, day } };
  }],
  // a day of the month: "on the 15th" (the next one), "the 5th of next month"; a bare "the 2nd" only where
  // no noun follows, which keeps "the 2nd one" / "the 3rd pizza" ordinals
  [/\b(?:on\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b|the\s+(\d{1,2})(?:st|nd|rd|th)\b(?=\s*$|\s*[,.!?;)]|\s+(?:at|in|from|to|till|until|by|for|please|morning|afternoon|evening|night|of)\b|\s+\d))(?:\s+of\s+(?:the\s+|(this|next|last)\s+)month\b)?/gi, (m) => {
    const day = Number(m[1] ?? m[2]);
    if (!m[3]) return { kind: 'date', date: { kind: 'calendar', day } };
    return { kind: 'date', date: { kind: 'month-day', months: { next: 1, last: -1 }[m[3].toLowerCase() as 'next'] ?? 0, day } };
  }],
  [/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g, (m) => ({ kind: 'date', date: { kind: 'calendar', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } })],
  // 12/25/2026 as in the US; 25/12/2026 (a first number over 12 can only be the day) as elsewhere
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [month, day] = a > 12 && b <= 12 ? [b, a] : [a, b];
    return { kind: 'date', date: { kind: 'calendar', month, day, year: Number(m[3]) } };
  }],
  // 12/25, on 5/12 at 3: month and day without a year. Both up to 12 could be a fraction (3/4), so that is a date only
  // after a word that introduces one or before a time of day.
  [/(?<![\d/.])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/g, (m, text) => {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [month, day] = a > 12 && b <= 12 ? [b, a] : [a, b];
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    const dated = a > 12 || b > 12 || DATE_LEAD.test(text.slice(0, m.index)) || DATE_TAIL.test(text.slice(m.index + m[0].length));
    return dated ? { kind: 'date', date: { kind: 'calendar', month, day } } : undefined;
  }],
  [new RegExp(`\\b(${Object.keys(DAYS).join('|')})\\b`, 'gi'), (m) => ({ kind: 'date', date: { kind: 'relative-day', days: DAYS[(m[1] as string).toLowerCase()] ?? 0 } })],
  ...WEEKDAY_RULES,
  [/\b(next|this|last)\s+(week|month|year)\b/gi, (m) => ({
    kind: 'period', grain: (m[2] as string).toLowerCase() as 'week', offset: { next: 1, this: 0, last: -1 }[(m[1] as string).toLowerCase() as 'next'],
  })],
  [/\b(?:(this|tomorrow|in the)\s+)?(morning|afternoon|evening|night)\b|\b(tonight)\b/gi, (m) => {
    const pod = PODS[((m[2] ?? m[3]) as string).toLowerCase()] ?? 'evening';
    const lead = (m[1] ?? '').toLowerCase();
    const days = m[3] || lead === 'this' ? 0 : lead === 'tomorrow' ? 1 : undefined;
    return { kind: 'pod', pod, ...(days === undefined ? {} : { date: { kind: 'relative-day', days } }) };
  }],
  // 5pm, 5:30 pm, and as Duckling also reads them 7.30pm, 730pm
  [/\b(?:at\s+)?(\d{1,2})(?:[:.]?(\d{2}))?\s*([ap])\.?m\.?(?![a-z])/gi, (m) => clock(Number(m[1]), m[2], m[3])],
  // spoken clock times, seven thirty pm, at one fifteen, at 7 30: only after "at" or before am/pm, since
  // "two fifty" alone is as often a price
  [new RegExp(`\\bat\\s+${SPOKEN_HOUR}[\\s-]${SPOKEN_MINUTE}\\b(?:\\s*${MERIDIEM})?|\\b${SPOKEN_HOUR}[\\s-]${SPOKEN_MINUTE}\\s*${MERIDIEM}`, 'gi'), (m) => {
    const minute = minuteNumber((m[2] ?? m[5]) as string);
    return minute === undefined ? undefined : clock(hourNumber((m[1] ?? m[4]) as string), String(minute), m[3] ?? m[6]);
  }],
  // twenty to nine tonight, twenty-five to 8 in the morning: a bare "N to H" is a clock time only where a day
  // or a part of it follows and N can be no hour (5 to 9 tonight and ten to six tomorrow may be ranges)
  [new RegExp(`\\b(?<!\\bfrom\\s+)(?:at\\s+)?(\\d{1,2}|${ENGLISH_NUMBER_SOURCE})\\s+(to|till|before)\\s+(\\d{1,2}|${ENGLISH_NUMBER_SOURCE})`
    + '(?=\\s*(?:tonight|this\\s+(?:morning|afternoon|evening)|in\\s+the\\s+(?:morning|afternoon|evening)|tomorrow|today)\\b)', 'gi'),
    (m) => {
      const [minutes, hour] = [hourNumber(m[1] as string), hourNumber(m[3] as string)];
      if (minutes === undefined || hour === undefined || minutes <= 12) return undefined;
      return relativeClock(`${minutes} min`, m[2] as string, m[3] as string, undefined);
    }],
  // half past seven, quarter to 8, 20 minutes past 6 pm; not a bare "20 to 8", which is as often a range
  [new RegExp(`\\b(?:at\\s+)?(half|(?:a\\s+)?quarter|(?:\\d{1,2}|${ENGLISH_NUMBER_SOURCE})\\s+min(?:ute)?s?|(?:\\d{1,2}|${ENGLISH_NUMBER_SOURCE})(?=\\s+(?:past|after)))\\s+`
    + `(past|after|to|till|before)\\s+(\\d{1,2}|${ENGLISH_NUMBER_SOURCE}|noon|midnight)(?:\\s*([ap])\\.?m\\.?(?![a-z]))?`, 'gi'),
    (m) => relativeClock(m[1] as string, m[2] as string, m[3] as string, m[4])],
  [/\b(?:at\s+)?(\d{1,2}):(\d{2})\b/gi, (m) => clock(Number(m[1]), m[2], undefined)],
  // "around 9" / "about 9" are clock times only beside a day or a part of it ("tonight around 9",
  // "around 7 tomorrow"): "about 5" alone is as often a count
  [new RegExp(`\\b(?:at\\s+)?(\\d{1,2}|${ENGLISH_NUMBER_SOURCE})\\s*o'?clock\\b|\\bat\\s+(\\d{1,2})\\b(?![:.,]?\\d|\\s*(?:%|percent))`
    + `|(?<=\\b(?:tonight|today|tomorrow|morning|afternoon|evening|night),?\\s+)(?:around|about)\\s+(\\d{1,2})\\b(?![:.,]?\\d|\\s*(?:%|percent))`
    + `|\\b(?:around|about)\\s+(\\d{1,2})(?=\\s+(?:tonight|today|tomorrow)\\b)`, 'gi'),
    (m) => clock(hourNumber((m[1] ?? m[2] ?? m[3] ?? m[4]) as string), undefined, undefined)],
  // 8ish, 7-ish, at 9ish: an hour, roughly
  [/\b(?:at\s+)?(\d{1,2})\s*-?ish\b/gi, (m) => clock(Number(m[1]), undefined, undefined)],
  [/\b(?:at\s+)?(noon|midday|midnight)(?:-?ish)?\b/gi, (m) => (/midnight/i.test(m[1] as string) ? { kind: 'clock', hour: 0, nextDay: true } : { kind: 'clock', hour: 12, meridiem: 'pm' })],
  [/\b(?:(this\s+coming|this|coming|next|last|the)\s+)?week-?end\b(\s+after\s+next\b)?/gi, (m) => {
    const lead = (m[1] ?? '').toLowerCase();
    return { kind: 'stretch', stretch: { kind: 'weekend', week: m[2] ? 2 : lead === 'next' ? 1 : lead === 'last' ? -1 : 0 } };
  }],
  // this time tomorrow / next week: now, a day or a week on
  [/\b(?:at\s+)?this\s+time\s+(tomorrow|next\s+week)\b/gi, (m) => ({ kind: 'shift', amount: (/week/i.test(m[1] as string) ? 7 : 1) * 24 * 60, unit: 'minute', direction: 1 })],
  // see StretchRef for the bounds
  [/\b(?:(?:at\s+)?the\s+)?(end|beginning|start)\s+of\s+(?:the\s+|(this|next|last)\s+)?month\b|\b(EOM|BOM)\b/gi, (m) => {
    const months = { next: 1, last: -1 }[(m[2] ?? '').toLowerCase() as 'next'] ?? 0;
    return monthPart(m[1] ?? m[3], { kind: 'month-day', months, day: 1 });
  }],
  [/\b(?:(?:at\s+)?the\s+)?(end|beginning|start)\s+of\s+(?:the\s+|(this|next|last)\s+)?year\b|\b(EOY)\b/gi, (m) => {
    const years = { next: 1, last: -1 }[(m[2] ?? '').toLowerCase() as 'next'] ?? 0;
    return { kind: 'stretch', stretch: { kind: 'year-part', part: /^(end|eoy)$/i.test(m[1] ?? m[3] ?? '') ? 'end' : 'beginning', years } };
  }],
  [new RegExp(`\\b(?:(?:at\\s+)?the\\s+)?(end|beginning|start)\\s+of\\s+${MONTH}`, 'gi'), (m) => monthPart(m[1], { kind: 'calendar', month: MONTHS[(m[2] ?? '').toLowerCase()] })],
  // the bare first hour of a range whose end says am/pm: 3 in "from 3 to 5pm", "between 3 and 5pm", "3-5pm"
  [/\b(?:from\s+|between\s+)?(\d{1,2})(?::(\d{2}))?(?=\s*(?:-|–|to|till|until|and)\s*\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?(?![a-z])|o'?clock))/gi,
    (m) => clock(Number(m[1]), m[2], undefined)],
  // bare hours as the ends of a range said with from/between, where the range closes the phrase or a day follows
  // ("from 9 to 5", "tomorrow from 9 to 5", "between 2 and 4 on friday") or the other end is a clock time
  // ("from 10 to 11:30", "from 9am to 5"); "from 9 to 5 people" stays two numbers, and "from 1 to 10" a scale
  [new RegExp(`\\b(?:from|between)\\s+(\\d{1,2})(?::(\\d{2}))?(?=\\s*${RANGE_JOIN}\\s*\\d{1,2}(?::\\d{2}\\b|(?!\\d)${RANGE_CLOSE}))`, 'gi'),
    (m) => (m[2] === undefined && SCALE_END.test(`${m[1] as string} ${m.input.slice(m.index + m[0].length)}`) ? undefined : clock(Number(m[1]), m[2], undefined))],
  [new RegExp(`(?<=\\b(?:from|between)\\s+\\d{1,2}(?:(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?\\s*${RANGE_JOIN}\\s*(?=\\d{1,2}(?!\\d)${RANGE_CLOSE})|(?::\\d{2}|\\s*[ap]\\.?m\\.?)\\s*${RANGE_JOIN}\\s*))(\\d{1,2})(?![:\\d]|\\s*(?:[ap]\\.?m|o'?clock|%|percent))`, 'gi'),
    (m) => (SCALE_END.test(`${m.input.slice(0, m.index).match(/\d{1,2}\s*\D*$/)?.[0] ?? ''}${m.input.slice(m.index)}`) ? undefined : clock(Number(m[1]), undefined, undefined))],
  // a bare hour that a deadline bounds, where a day follows: "by 5 tomorrow", "until 6 tonight", "before 9 on monday"
  [new RegExp(`(?<=\\b(?:by|until|till|before|after)\\s+)(\\d{1,2})(?![:\\d]|\\s*(?:[ap]\\.?m|o'?clock|%|percent))(?=\\s+(?:today|tomorrow|tonight|this\\s+(?:morning|afternoon|evening)|on\\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\b)`, 'gi'),
    (m) => clock(Number(m[1]), undefined, undefined)],
  [new RegExp(`\\bin\\s+(?:${EN_DURATION_SOURCE})`, 'gi'), (m) => shift(m, 1)],
  // within an hour, within the next 30 minutes, in the next two days
  [new RegExp(`\\b(?:within\\s+(?:the\\s+next\\s+)?|in\\s+the\\s+next\\s+)(?:${EN_DURATION_SOURCE})`, 'gi'), (m) => {
    const d = enDuration(m);
    return d && { kind: 'within', amount: d.value, unit: d.unit };
  }],
  // within the hour, in the next hour: one of the unit
  [/\b(?:within|in)\s+the\s+(?:next\s+)?(minute|hour|day|week|month)\b/gi, (m) => ({ kind: 'within', amount: 1, unit: (m[1] as string).toLowerCase() as 'hour' })],
  [new RegExp(`(?:${EN_DURATION_SOURCE})\\s+(from now|later|ago)\\b`, 'gi'), (m) => shift(m, /ago$/i.test(m[0]) ? -1 : 1)],
  // counted from the date that follows: "a week from today", "two days after tomorrow"
  [new RegExp(`(?:${EN_DURATION_SOURCE})\\s+(from|after|before)\\b`, 'gi'), (m) => {
    const d = enDuration(m);
    return d && { kind: 'shift-from', amount: d.value, unit: d.unit, direction: /before$/i.test(m[0]) ? -1 : 1 };
  }],
  [/\b(?:right\s+)?now\b/gi, () => ({ kind: 'now' })],
];

/**
 * "quarter to 8" is 7:45; "half past midnight" 00:30 the next day. `lead`: half, (a) quarter or "N min";
 * `relation`: past, after, to, till or before; `meridiem`: the a or p of am/pm after the hour, if any.
 */
function relativeClock(leadText: string, relation: string, targetText: string, meridiem: string | undefined): Piece {
  const lead = leadText.toLowerCase();
  const minutes = lead === 'half' ? 30 : /quarter$/.test(lead) ? 15 : hourNumber(lead.replace(/\s+min(?:ute)?s?$/, ''));
  const target = targetText.toLowerCase();
  const hour = target === 'noon' ? 12 : target === 'midnight' ? 0 : hourNumber(target);
  if (minutes === undefined || minutes <= 0 || minutes >= 60 || hour === undefined || hour > 12) return undefined;
  const before = /^(to|till|before)$/i.test(relation);
  const total = hour * 60 + (before ? -minutes : minutes);
  const h = ((Math.floor(total / 60) % 12) + 12) % 12 || 12;
  const minute = String(((total % 60) + 60) % 60);
  if (target === 'midnight') return before ? { kind: 'clock', hour: 11, minute: Number(minute), meridiem: 'pm' } : { kind: 'clock', hour: 0, minute: Number(minute), nextDay: true };
  if (target === 'noon') return clock(h, minute, before ? 'a' : 'p');
  return clock(h, minute, meridiem);
}

function monthPart(word: string | undefined, month: DateRef): Piece {
  const part = /^(end|eom)$/i.test(word ?? '') ? 'end' : 'beginning';
  return { kind: 'stretch', stretch: { kind: 'month-part', part, month } };
}

function shift(m: RegExpExecArray, direction: 1 | -1): Piece {
  const d = enDuration(m);
  return d && { kind: 'shift', amount: d.value, unit: d.unit, direction };
}

export function englishTimePieces(text: string): TimePiece[] {
  const out: TimePiece[] = [];
  for (const [re, build] of rules) {
    for (const m of matchAll(re, text)) {
      const piece = build(m, text);
      if (piece) out.push({ ...piece, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
