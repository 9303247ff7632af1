// Resolves a combined time expression against the reference time into Duckling's value shapes.
import { PART_OF_DAY_HOURS, PM_PARTS, type DateRef, type PartOfDay, type TimePiece } from './time-piece.js';
import {
  addDays, addMonths, addSeconds, atTime, compareCivil, endOfGrain, isoString, isoWeekday, isValidDate, startOfDay, startOfGrain,
  type Civil, type Grain,
} from './zoned-time.js';

export type ResolvedTime =
  | { type: 'value'; values: { at: Civil; grain: Grain }[] }
  | { type: 'interval'; from: Civil; to: Civil; grain: Grain };

interface Group { date?: DateRef; pod?: PartOfDay; clock?: Extract<TimePiece, { kind: 'clock' }> }

function weekdayDate(ref: Civil, d: Extract<DateRef, { kind: 'weekday' }>): Civil {
  const today = startOfDay(ref);
  const wd = isoWeekday(today);
  if (d.week === undefined) return addDays(today, (d.weekday - wd + 7) % 7);
  if (d.week === 'last') return addDays(today, -(((wd - d.weekday + 7) % 7) || 7));
  return addDays(today, d.week * 7 + d.weekday - wd);
}

/** Calendar dates without a year are the next such date (today included), as Duckling's are. */
function calendarDate(ref: Civil, d: Extract<DateRef, { kind: 'calendar' }>): Civil | undefined {
  const today = startOfDay(ref);
  const month = d.month ?? today.mo;
  const day = d.day ?? 1;
  let year = d.year ?? today.y;
  const candidate = (y: number, mo: number): Civil => ({ y, mo, d: day, h: 0, mi: 0, s: 0 });
  if (d.year === undefined && d.month !== undefined && compareCivil(endOfGrain(candidate(year, month), d.day === undefined ? 'month' : 'day'), ref) <= 0) year++;
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
  }
}

/** The hours a clock reading may mean: 3点 is 03:00 or 15:00 unless a part of the day or am/pm says which. */
function hourCandidates(clock: NonNullable<Group['clock']>, pod: PartOfDay | undefined): number[] {
  const h = clock.hour;
  if (clock.nextDay) return [24];
  if (clock.meridiem === 'pm') return [h < 12 ? h + 12 : h];
  if (clock.meridiem === 'am') return [h === 12 ? 0 : h];
  if (pod && PM_PARTS.has(pod)) return [h < 12 ? h + 12 : h === 12 && pod !== 'afternoon' ? 24 : h];
  if (pod === 'noon') return [h <= 3 ? h + 12 : h];
  if (pod) return [h === 12 ? 0 : h];
  return h >= 1 && h < 12 ? [h, h + 12] : [h];
}

function resolveClock(ref: Civil, g: Group & { clock: NonNullable<Group['clock']> }): ResolvedTime | undefined {
  const grain: Grain = g.clock.minute === undefined ? 'hour' : 'minute';
  const hours = hourCandidates(g.clock, g.pod);
  const at = (day: Civil, h: number): Civil => atTime(day, h, g.clock.minute ?? 0);
  if (g.date) {
    const day = resolveDate(ref, g.date);
    return day && { type: 'value', values: hours.map((h) => ({ at: at(day, h), grain })) };
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

export function resolveGroup(ref: Civil, g: Group): ResolvedTime | undefined {
  if (g.clock) return resolveClock(ref, { ...g, clock: g.clock });
  if (g.pod) return resolvePartOfDay(ref, { ...g, pod: g.pod });
  if (!g.date) return undefined;
  const day = resolveDate(ref, g.date);
  const grain: Grain = g.date.kind === 'calendar' && g.date.day === undefined ? 'month' : 'day';
  return day && { type: 'value', values: [{ at: day, grain }] };
}

export function resolveSingle(ref: Civil, p: TimePiece): ResolvedTime | undefined {
  if (p.kind === 'now') return { type: 'value', values: [{ at: ref, grain: 'second' }] };
  if (p.kind === 'period') {
    const start = startOfGrain(ref, p.grain);
    const at = p.grain === 'week' ? addDays(start, 7 * p.offset) : addMonths(start, (p.grain === 'month' ? 1 : 12) * p.offset);
    return { type: 'value', values: [{ at, grain: p.grain }] };
  }
  if (p.kind !== 'shift') return undefined;
  if (p.unit === 'second' || p.unit === 'minute' || p.unit === 'hour') {
    const seconds = p.amount * (p.unit === 'hour' ? 3600 : p.unit === 'minute' ? 60 : 1) * p.direction;
    return { type: 'value', values: [{ at: addSeconds({ ...ref }, Math.round(seconds)), grain: 'second' }] };
  }
  const days = p.unit === 'day' ? p.amount : p.unit === 'week' ? p.amount * 7 : 0;
  const months = p.unit === 'month' ? p.amount : p.unit === 'year' ? p.amount * 12 : 0;
  const at = addMonths(addDays(startOfDay(ref), days * p.direction), Math.round(months) * p.direction);
  return { type: 'value', values: [{ at, grain: 'day' }] };
}

/** Duckling's `value` object for a resolved time, plus the value Rasa reports. */
export function ducklingTime(t: ResolvedTime, timezone: string): { value: unknown; info: Record<string, unknown> } | undefined {
  if (t.type === 'interval') {
    const from = { value: isoString(t.from, timezone), grain: t.grain };
    const to = { value: isoString(t.to, timezone), grain: t.grain };
    return { value: { from: from.value, to: to.value }, info: { values: [{ to, from, type: 'interval' }], from, to, type: 'interval' } };
  }
  const values = t.values.map((v) => ({ value: isoString(v.at, timezone), grain: v.grain, type: 'value' }));
  const first = values[0];
  if (!first) return undefined;
  return { value: first.value, info: { values, value: first.value, grain: first.grain, type: 'value' } };
}
