// Ranges ("3点到5点", "from 3 to 5pm", "周一到周五") and bounds ("by 6pm", "中午12点前", "after 7pm") of the
// expressions resolve-time resolves alone, in Duckling's interval shapes.
import { hourCandidates, resolveGroup, valuesOf, type Group, type Instant, type ResolvedTime } from './resolve-time.js';
import type { DateRef, PartOfDay } from './time-piece.js';
import { addDays, atTime, compareCivil, endOfGrain, startOfDay, type Civil, type Grain } from './zoned-time.js';

const GRAINS: readonly Grain[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'];
const finer = (a: Grain, b: Grain): Grain => (GRAINS.indexOf(a) <= GRAINS.indexOf(b) ? a : b);
type Clock = NonNullable<Group['clock']>;

/** The readings of a clock time on a day and the next, earliest first. */
function clockReadings(day: Civil, clock: Clock, pod: PartOfDay | undefined): Instant[] {
  const grain: Grain = clock.minute === undefined ? 'hour' : 'minute';
  return [day, addDays(day, 1)]
    .flatMap((d) => hourCandidates(clock, pod).map((h) => ({ at: atTime(d, h, clock.minute ?? 0), grain })))
    .sort((a, b) => compareCivil(a.at, b.at));
}

const isBareClock = (g: Group): boolean => !!g.clock && !g.pod && !g.clock.meridiem && !g.clock.nextDay;
const isMarkedClock = (g: Group): boolean => !!g.clock && (!!g.pod || !!g.clock.meridiem);

/** A weekday or a day of the month that means its next occurrence: after the start, in a range. */
const isNextOccurrence = (d: DateRef | undefined): boolean =>
  (d?.kind === 'weekday' && d.week === undefined) || (d?.kind === 'calendar' && d.year === undefined) || d?.kind === 'lunar';

/**
 * Two clock times without a date: the first pair of readings that has not ended yet, so that at 10:00
 * 9点到12点 is 09:00-13:00 today and 6点到8点 18:00-21:00, not 21:00 to noon tomorrow.
 */
function clockPair(ref: Civil, start: Group & { clock: Clock }, end: Group & { clock: Clock }): [Instant, Instant] | undefined {
  for (const from of clockReadings(startOfDay(ref), start.clock, start.pod)) {
    const to = clockReadings(startOfDay(from.at), end.clock, end.pod ?? start.pod).find((c) => compareCivil(c.at, from.at) > 0);
    if (to && compareCivil(endOfGrain(to.at, to.grain), ref) > 0) return [from, to];
  }
  return undefined;
}

/** The start as it resolves alone; the end is its first reading after it, on the start's day when it names none. */
function forward(ref: Civil, start: Group, end: Group): [Instant, Instant] | undefined {
  if (start.clock && !start.date && end.clock && !end.date) return clockPair(ref, { ...start, clock: start.clock }, { ...end, clock: end.clock });
  const from = valuesOf(resolveGroup(ref, start))[0];
  if (!from) return undefined;
  const after = (cs: Instant[]): Instant | undefined => cs.find((c) => compareCivil(c.at, from.at) > 0);
  if (end.clock && !end.date) {
    const to = after(clockReadings(startOfDay(from.at), end.clock, end.pod ?? start.pod));
    return to && [from, to];
  }
  // 周一到周五 on a Wednesday: Monday the 9th to Friday the 13th, not to Friday the 6th
  const to = after(valuesOf(resolveGroup(ref, end))) ?? (isNextOccurrence(end.date) ? after(valuesOf(resolveGroup(from.at, end))) : undefined);
  return to && [from, to];
}

/** "from 3 to 5pm", "9 to 5pm": the end says which half of the day; the start is its last reading before the end. */
function backward(ref: Civil, start: Group & { clock: Clock }, end: Group): [Instant, Instant] | undefined {
  const to = valuesOf(resolveGroup(ref, { ...end, date: end.date ?? start.date }))[0];
  if (!to) return undefined;
  const from = clockReadings(addDays(startOfDay(to.at), -1), start.clock, undefined).filter((c) => compareCivil(c.at, to.at) < 0).at(-1);
  return from && [from, to];
}

/**
 * "3点到5点", "from 3 to 5pm", "周三到周五": Duckling's closed interval, whose exclusive `to` is the end of
 * the last grain (3点到5点 is 15:00 to 18:00, 今晚8点至8点半 20:00 to 20:31, as in Duckling's corpus).
 */
export function resolveRange(ref: Civil, first: Group, end: Group): ResolvedTime | undefined {
  // "from 3pm to 5pm tomorrow": a date after the end is the start's too
  const start = first.date || !end.date ? first : { ...first, date: end.date };
  const pair = start.clock && isBareClock(start) && isMarkedClock(end) ? backward(ref, { ...start, clock: start.clock }, end) : forward(ref, start, end);
  if (!pair) return undefined;
  const [from, to] = pair;
  return { type: 'interval', from: from.at, to: endOfGrain(to.at, to.grain), grain: finer(from.grain, to.grain) };
}

export type Bound = 'by' | 'before' | 'after';

/**
 * Duckling's open intervals: "by 6pm" runs from now to 18:00, "before 6pm" has only `to`, "after 7pm" only
 * `from`. Of an interval, "by" keeps its end ("by the end of the month": until the 1st of the next month),
 * "before" ends at its start, "after" starts at its end.
 */
export function bounded(ref: Civil, t: ResolvedTime, bound: Bound): ResolvedTime | undefined {
  const first = valuesOf(t)[0];
  const span = first ? { start: first.at, end: first.at, grain: first.grain } : t.type === 'interval' ? { start: t.from, end: t.to, grain: t.grain } : undefined;
  if (!span) return undefined;
  const { start, end, grain } = span;
  if (bound === 'by') return end && { type: 'interval', from: ref, to: end, grain };
  if (bound === 'before') return start && { type: 'interval', to: start, grain };
  return end && { type: 'interval', from: end, grain };
}
