// The `time` dimension: grammar pieces from both languages, adjacent ones combined into one
// expression, resolved against the reference time in the configured zone, in Duckling's shape. Two
// expressions joined by 到/至/to/- make a range; by/before/after (前/后 after it) bound one.
import type { ExtractContext, SystemMatch } from '../system-entity.js';
import { englishTimePieces } from './en-time.js';
import { bounded, resolveRange, type Bound } from './resolve-range.js';
import { ducklingTime, resolveGroup, resolveShiftFrom, resolveSingle, type Group as TimeParts, type ResolvedTime } from './resolve-time.js';
import type { TimePiece } from './time-piece.js';
import { zhTimePieces } from './zh-time.js';
import { civilOf, type Civil } from './zoned-time.js';

/** A span of adjacent pieces: the date, part of day and clock resolve-time combines, and where they stand. */
interface Group extends TimeParts {
  start: number;
  end: number;
  single?: TimePiece;
  /** "3点到5点": the two ends */
  range?: [Group, Group];
  bound?: Bound;
}

const CONNECTOR = /^(?:\s*|\s*,?\s*(?:at|on|in the|of)\s+|\s*的\s*|,\s*)$/i;

/** Longest first; a piece overlapping one already kept is a reading of the same words and loses. */
function dropOverlaps(pieces: TimePiece[]): TimePiece[] {
  const sorted = [...pieces].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: TimePiece[] = [];
  for (const p of sorted) if (!kept.some((k) => k.start < p.end && p.start < k.end)) kept.push(p);
  return kept.sort((a, b) => a.start - b.start);
}

/** Adds a piece to the group when the group has no such part yet; false when it cannot join. */
function join(g: Group, p: TimePiece): boolean {
  if (g.single?.kind === 'shift-from') return joinShiftFrom(g, p);
  // 两天后的中午, 三天后下午三点: a shift by whole days is that day, and a part of it or a clock time may follow
  if (g.single?.kind === 'shift' && ((p.kind === 'pod' && !p.date) || p.kind === 'clock')) {
    const days = wholeDays(g.single);
    if (days === undefined) return false;
    delete g.single;
    g.date = { kind: 'relative-day', days };
    return join(g, p);
  }
  if (g.single) return false;
  if (p.kind === 'date' && !g.date && !g.clock) { g.date = p.date; return true; }
  if (p.kind === 'pod' && !g.pod && !(p.date && g.date)) {
    g.pod = p.pod;
    if (p.date) g.date = p.date;
    return true;
  }
  if (p.kind === 'clock' && !g.clock) { g.clock = p; return true; }
  // "5pm tomorrow", "8点 明天": a date after the clock time
  if (p.kind === 'date' && !g.date && g.clock) { g.date = p.date; return true; }
  return false;
}

/** The days a shift moves by, when it moves by whole days or weeks. */
function wholeDays(s: Extract<TimePiece, { kind: 'shift' }>): number | undefined {
  const per = s.unit === 'day' ? 1 : s.unit === 'week' ? 7 : undefined;
  return per === undefined || !Number.isInteger(s.amount) ? undefined : s.amount * per * s.direction;
}

/** "a week from" + "today" (+ "at 5pm"): the date it counts from, then a time of that day. */
function joinShiftFrom(g: Group, p: TimePiece): boolean {
  if (p.kind === 'date' && !g.date) { g.date = p.date; return true; }
  if (p.kind === 'clock' && g.date && !g.clock) { g.clock = p; return true; }
  if (p.kind === 'pod' && !p.date && g.date && !g.pod) { g.pod = p.pod; return true; }
  return false;
}

function startGroup(p: TimePiece): Group {
  const g: Group = { start: p.start, end: p.end };
  if (!join(g, p)) g.single = p;
  return g;
}

function groups(text: string, pieces: TimePiece[]): Group[] {
  const out: Group[] = [];
  for (const p of dropOverlaps(pieces)) {
    const last = out.at(-1);
    if (last && CONNECTOR.test(text.slice(last.end, p.start)) && join(last, p)) { last.end = p.end; continue; }
    out.push(startGroup(p));
  }
  return out;
}

const RANGE_JOINER = /^\s*(?:到|至|~|～|-|–|—|to|till|until|through|and)\s*$/i;
const RANGE_OPENER = /(?:\b(?:from|between)\s+|从\s*)$/i;
/** "and" joins the ends only after "between": "tomorrow and friday" are two times. */
const joins = (text: string, a: Group, b: Group): boolean => {
  const joiner = text.slice(a.end, b.start);
  // 六七点: two neighbouring hours said together, with nothing between them
  if (joiner === '' && a.clock && b.clock && b.clock.hour === a.clock.hour + 1 && /^[二三四五六七八九十](?:点|时|時)/.test(text.slice(b.start))) return true;
  if (!RANGE_JOINER.test(joiner)) return false;
  return !/and/i.test(joiner) || /between\s*$/i.test(text.slice(0, a.start)) || /^between\b/i.test(text.slice(a.start));
};
const isPoint = (g: Group): boolean => !g.single && !g.range && (!!g.clock || (!!g.date && !g.pod));
const isPartOfDay = (g: Group): boolean => !g.single && !g.range && !g.clock && !!g.pod;
/** 月底, 年底: the end of a month or a year */
const isEndOfPeriod = (g: Group): boolean =>
  g.single?.kind === 'stretch' && (g.single.stretch.kind === 'month-part' || g.single.stretch.kind === 'year-part') && g.single.stretch.part === 'end';

/** Adjacent points joined by 到/至/to/-, with a leading from/between/从 in the span. */
function ranges(text: string, gs: Group[]): Group[] {
  const out: Group[] = [];
  for (const g of gs) {
    const last = out.at(-1);
    if (last && isPoint(last) && isPoint(g) && joins(text, last, g)) {
      const opener = RANGE_OPENER.exec(text.slice(0, last.start))?.[0] ?? '';
      out[out.length - 1] = { start: last.start - opener.length, end: g.end, range: [last, g] };
    } else out.push(g);
  }
  return out;
}

const BOUND_BEFORE = /\b(by|before|until|till|til|after)\s+$/i;
/** 12点前, 周五之前, 7点以后; not 前后 ("around"), nor the 后 of 5号后天 */
const BOUND_AFTER = /^(?:之|以)?([前后後])(?![前后後天])/;

/** "by 6pm", "before noon", "after 7pm", "中午12点前", "7点以后": the words join the span. */
function withBound(text: string, g: Group): Group {
  if (g.range) return g;
  const before = BOUND_BEFORE.exec(text.slice(0, g.start));
  if (before) {
    const word = (before[1] as string).toLowerCase();
    const bound: Bound = word === 'by' ? 'by' : word === 'after' ? 'after' : 'before';
    return { ...g, start: g.start - before[0].length, bound };
  }
  const after = isPoint(g) || isPartOfDay(g) || isEndOfPeriod(g) ? BOUND_AFTER.exec(text.slice(g.end)) : null;
  // 月底前 / 年底之前 is a deadline, like "by the end of the month": until the period ends
  if (after && isEndOfPeriod(g)) return after[1] === '前' ? { ...g, end: g.end + after[0].length, bound: 'by' } : g;
  // 中午前 is before the part of the day begins; what "after" one means (晚上以后) is no one time
  if (after && (after[1] === '前' || isPoint(g))) return { ...g, end: g.end + after[0].length, bound: after[1] === '前' ? 'before' : 'after' };
  return g;
}

function resolveUnbounded(ref: Civil, g: Group): ResolvedTime | undefined {
  if (g.range) return resolveRange(ref, g.range[0], g.range[1]);
  if (g.single?.kind === 'shift-from') return resolveShiftFrom(ref, g.single, g);
  return g.single ? resolveSingle(ref, g.single) : resolveGroup(ref, g);
}

function resolve(ref: Civil, g: Group): ResolvedTime | undefined {
  const t = resolveUnbounded(ref, g);
  return t && g.bound ? bounded(ref, t, g.bound) : t;
}

export function extractTimes(text: string, ctx: ExtractContext): SystemMatch[] {
  const ref = civilOf(ctx.reference, ctx.timezone);
  const out: SystemMatch[] = [];
  for (const g of ranges(text, groups(text, [...zhTimePieces(text), ...englishTimePieces(text)])).map((x) => withBound(text, x))) {
    const resolved = resolve(ref, g);
    const shaped = resolved && ducklingTime(resolved, ctx.timezone);
    if (shaped) out.push({ dim: 'time', start: g.start, end: g.end, value: shaped.value, additional_info: shaped.info });
  }
  return out;
}
