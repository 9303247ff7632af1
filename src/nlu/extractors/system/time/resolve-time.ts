// Resolves a combined time expression against the reference time into Duckling's value shapes.
import { nextLunarDate } from './lunar-date.js';
import { PART_OF_DAY_HOURS, PM_PARTS, type DateRef, type PartOfDay, type StretchRef, type TimePiece } from './time-piece.js';
import {
  addDays, addMonths, addSeconds, atTime, compareCivil, endOfGrain, isoString, isoWeekday, isValidDate, startOfDay, startOfGrain,
  type Civil, type Grain,
} from './zoned-time.js';

export interface Instant { at: Civil; grain: Grain }

/** An interval's `to` is exclusive; an open interval ("before 6pm", "after 7pm") lacks one end. */
export type ResolvedTime =
  | { type: 'value'; values: Instant[] }
  | { type: 'interval'; from?: Civil; to?: Civil; grain: Grain };

export interface Group { date?: DateRef; pod?: PartOfDay; clock?: Extract<TimePiece, { kind: 'clock' }> }

function weekdayDate(ref: Civil, d: Extract<DateRef, { kind: 'weekday' }>): Civil {
  const today = startOfDay(ref);
  const wd = isoWeekday(today);
  if (d.week === undefined) return addDays(today, (d.weekday - wd + 7) % 7);
  if (d.week === 'last') return addDays(today, -(((wd - d.weekday + 7) % 7) || 7));
  return addDays(today, d.week * 7 + d.weekday - wd);
}

/** The year ending in these two digits nearest `reference` (九八年 in 2026: 1998; 三零年: 2030). */
function nearestYear(twoDigits: number, reference: number): number {
  const inCentury = Math.floor(reference / 100) * 100 + twoDigits;
  return [inCentury - 100, inCentury, inCentury + 100].reduce((best, y) => (Math.abs(y - reference) < Math.abs(best - reference) ? y : best));
}

/** Calendar dates without a year are the next such date (today included), as Duckling's are. */
function calendarDate(ref: Civil, d: Extract<DateRef, { kind: 'calendar' }>): Civil | undefined {
  const today = startOfDay(ref);
  const month = d.month ?? today.mo;
  const day = d.day ?? 1;
  let year = d.year ?? (d.shortYear === undefined ? today.y + (d.years ?? 0) : nearestYear(d.shortYear, today.y));
  const candidate = (y: number, mo: number): Civil => ({ y, mo, d: day, h: 0, mi: 0, s: 0 });
  if (d.year === undefined && d.years === undefined && d.shortYear === undefined && d.month !== undefined && compareCivil(endOfGrain(candidate(year, month), d.day === undefined ? 'month' : 'day'), ref) <= 0) year++;
  if (d.month === undefined) {
    const next = compareCivil(candidate(year, month), today) < 0 ? addMonths({ ...today, d: 1 }, 1) : { ...today, d: 1 };
    return isValidDate(next.y, next.mo, day) ? candidate(next.y, next.mo) : undefined;
  }
  return isValidDate(year, month, day) ? candidate(year, month) : undefined;
}

export function resolveDate(ref: Civil, d: DateRef): Civil | undefined {
  switch (d.kind) {
    case 'relative-day': return addDays(startOfDay(ref), d.days);
    case 'weekday': return weekdayDate(ref, d);
    case 'calendar': return calendarDate(ref, d);
    case 'lunar': return nextLunarDate(startOfDay(ref), d);
    case 'month-day': {
      const month = addMonths({ ...startOfDay(ref), d: 1 }, d.months);
      return isValidDate(month.y, month.mo, d.day) ? { ...month, d: d.day } : undefined;
    }
  }
}

/** The bounds StretchRef documents. */
export function resolveStretch(ref: Civil, s: StretchRef): ResolvedTime | undefined {
  if (s.kind === 'weekend') {
    const monday = addDays(startOfGrain(ref, 'week'), 7 * s.week);
    return { type: 'interval', from: atTime(addDays(monday, 4), 18), to: addDays(monday, 7), grain: 'hour' };
  }
  if (s.kind === 'year-part') {
    const jan = { ...startOfDay(ref), mo: 1, d: 1, y: s.year ?? ref.y + (s.years ?? 0) };
    const [from, to] = s.part === 'end' ? [{ ...jan, mo: 9 }, addMonths(jan, 12)] : [jan, { ...jan, mo: 4 }];
    return { type: 'interval', from, to, grain: 'month' };
  }
  const first = resolveDate(ref, s.month);
  if (!first) return undefined;
  const [from, to] = s.part === 'end' ? [{ ...first, d: 21 }, addMonths(first, 1)] : [first, { ...first, d: 11 }];
  return { type: 'interval', from, to, grain: 'day' };
}

/** The hours a clock reading may mean: 3点 is 03:00 or 15:00 unless a part of the day or am/pm says which. */
export function hourCandidates(clock: NonNullable<Group['clock']>, pod: PartOfDay | undefined): number[] {
  const h = clock.hour;
  if (clock.nextDay) return [24];
  if (clock.meridiem === 'pm') return [h < 12 ? h + 12 : h];
  if (clock.meridiem === 'am') return [h === 12 ? 0 : h];
  // the small hours of an evening or a night are the next day's: 夜里1点, 晚上两点
  if ((pod === 'evening' || pod === 'night') && h >= 1 && h <= 4) return [h + 24];
  if (pod && PM_PARTS.has(pod)) return [h < 12 ? h + 12 : h === 12 && pod !== 'afternoon' ? 24 : h];
  if (pod === 'noon') return [h <= 3 ? h + 12 : h];
  // 上午十二点 is noon, where the morning ends; 凌晨十二点 midnight
  if (pod === 'morning' && h === 12) return [12];
  if (pod) return [h === 12 ? 0 : h];
  return h >= 1 && h < 12 ? [h, h + 12] : [h];
}

/**
 * 明天三点, "tomorrow at 3": of a day's two readings of an hour from 1 to 6 the afternoon one comes first, as people
 * who book or order mean it (the small hours are said so: 凌晨三点, 3am); Duckling puts 03:00 first.
 */
function daytimeFirst(hours: number[]): number[] {
  const [early, late] = hours;
  return hours.length === 2 && early !== undefined && late !== undefined && early >= 1 && early <= 6 ? [late, early] : hours;
}

function resolveClock(ref: Civil, g: Group & { clock: NonNullable<Group['clock']> }): ResolvedTime | undefined {
  const grain: Grain = g.clock.minute === undefined ? 'hour' : 'minute';
  const hours = hourCandidates(g.clock, g.pod);
  const at = (day: Civil, h: number): Civil => atTime(day, h, g.clock.minute ?? 0);
  if (g.date) {
    const day = resolveDate(ref, g.date);
    return day && { type: 'value', values: daytimeFirst(hours).map((h) => ({ at: at(day, h), grain })) };
  }
  const today = startOfDay(ref);
  const future = [0, 1, 2].flatMap((n) => hours.map((h) => at(addDays(today, n), h)))
    .filter((c) => compareCivil(endOfGrain(c, grain), ref) > 0)
    .sort(compareCivil);
  return { type: 'value', values: future.slice(0, 3).map((c) => ({ at: c, grain })) };
}

function resolvePartOfDay(ref: Civil, g: Group & { pod: PartOfDay }): ResolvedTime | undefined {
  const [from, to] = PART_OF_DAY_HOURS[g.pod];
  let day = g.date ? resolveDate(ref, g.date) : startOfDay(ref);
  if (!day) return undefined;
  if (!g.date && compareCivil(atTime(day, to), ref) <= 0) day = addDays(day, 1);
  return { type: 'interval', from: atTime(day, from), to: atTime(day, to), grain: 'hour' };
}

export const valuesOf = (t: ResolvedTime | undefined): Instant[] => (t?.type === 'value' ? t.values : []);

export function resolveGroup(ref: Civil, g: Group): ResolvedTime | undefined {
  if (g.clock) return resolveClock(ref, { ...g, clock: g.clock });
  if (g.pod) return resolvePartOfDay(ref, { ...g, pod: g.pod });
  if (!g.date) return undefined;
  const day = resolveDate(ref, g.date);
  const grain: Grain = g.date.kind === 'calendar' && g.date.day === undefined ? 'month' : 'day';
  return day && { type: 'value', values: [{ at: day, grain }] };
}

type Shift = Extract<TimePiece, { kind: 'shift' | 'shift-from' }>;

/** A shift by hours or less keeps the time of day; by days or more it lands on a day, as Duckling's does. */
function shifted(base: Civil, p: Shift): ResolvedTime {
  if (p.unit === 'second' || p.unit === 'minute' || p.unit === 'hour') {
    const seconds = p.amount * (p.unit === 'hour' ? 3600 : p.unit === 'minute' ? 60 : 1) * p.direction;
    return { type: 'value', values: [{ at: addSeconds({ ...base }, Math.round(seconds)), grain: 'second' }] };
  }
  const days = p.unit === 'day' ? p.amount : p.unit === 'week' ? p.amount * 7 : 0;
  const months = p.unit === 'month' ? p.amount : p.unit === 'year' ? p.amount * 12 : 0;
  const at = addMonths(addDays(startOfDay(base), days * p.direction), Math.round(months) * p.direction);
  return { type: 'value', values: [{ at, grain: 'day' }] };
}

/** "a week from today", "two days after March 5th": the shift counted from that date. */
export function resolveShiftFrom(ref: Civil, p: Shift, g: Group): ResolvedTime | undefined {
  const base = g.date && resolveDate(ref, g.date);
  const t = base && shifted(base, p);
  const day = valuesOf(t)[0];
  if (!day || (!g.clock && !g.pod) || day.grain !== 'day') return t;
  // "a week from today at 5pm": the clock time on that day
  return resolveGroup(ref, { ...g, date: { kind: 'calendar', year: day.at.y, month: day.at.mo, day: day.at.d } });
}

export function resolveSingle(ref: Civil, p: TimePiece): ResolvedTime | undefined {
  if (p.kind === 'now') return { type: 'value', values: [{ at: ref, grain: 'second' }] };
  if (p.kind === 'stretch') return resolveStretch(ref, p.stretch);
  if (p.kind === 'within') {
    const until = valuesOf(shifted(ref, { ...p, kind: 'shift', direction: 1 }))[0];
    return until && { type: 'interval', from: ref, to: until.at, grain: until.grain };
  }
  if (p.kind === 'period') {
    const start = startOfGrain(ref, p.grain);
    const at = p.grain === 'week' ? addDays(start, 7 * p.offset) : addMonths(start, (p.grain === 'month' ? 1 : 12) * p.offset);
    return { type: 'value', values: [{ at, grain: p.grain }] };
  }
  return p.kind === 'shift' ? shifted(ref, p) : undefined;
}

/** Duckling's `value` object for a resolved time, plus the value Rasa reports. */
export function ducklingTime(t: ResolvedTime, timezone: string): { value: unknown; info: Record<string, unknown> } | undefined {
  if (t.type === 'interval') {
    // Rasa reports only the ends Duckling gives: {to} for "before 6pm"
    const from = t.from && { value: isoString(t.from, timezone), grain: t.grain };
    const to = t.to && { value: isoString(t.to, timezone), grain: t.grain };
    if (!from && !to) return undefined;
    const ends = { ...(to ? { to } : {}), ...(from ? { from } : {}) };
    const value = { ...(from ? { from: from.value } : {}), ...(to ? { to: to.value } : {}) };
    return { value, info: { values: [{ ...ends, type: 'interval' }], ...ends, type: 'interval' } };
  }
  const values = t.values.map((v) => ({ value: isoString(v.at, timezone), grain: v.grain, type: 'value' }));
  const first = values[0];
  if (!first) return undefined;
  return { value: first.value, info: { values, value: first.value, grain: first.grain, type: 'value' } };
}
