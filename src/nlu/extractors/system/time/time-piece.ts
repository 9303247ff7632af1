// What the language grammars find in a text before it is resolved against the reference time:
// a date, a part of the day, a clock time, a shift from now, or a whole period. Adjacent date,
// part-of-day and clock pieces combine into one expression ("明天" + "中午" + "十二点").
import type { LunarRef } from './lunar-date.js';
import type { Grain } from './zoned-time.js';

export type DateRef =
  | { kind: 'relative-day'; days: number }
  /** `week` undefined: the next occurrence (today included); 'last': the previous occurrence; a number: that calendar week from this one */
  | { kind: 'weekday'; weekday: number; week?: number | 'last' }
  /**
   * month undefined: a day of this (or next) month; day undefined: the whole month; `years`: the year that many
   * from this one (明年3月); `shortYear`: a year said with two digits (一九年三月, 23年12月), in the century that puts
   * it nearest the reference year
   */
  | { kind: 'calendar'; year?: number; years?: number; shortYear?: number; month?: number; day?: number }
  /** a day of the month `months` from this one: 下个月5号 is { months: 1, day: 5 } */
  | { kind: 'month-day'; months: number; day: number }
  /** a day of the lunar calendar, its next occurrence (中秋节 is { month: 8, day: 15 }); see lunar-date.ts */
  | ({ kind: 'lunar' } & LunarRef);

/**
 * Stretches reported as intervals, with Duckling's bounds (its zh corpus: 这周末, 月尾, 下個月頭, 年尾, 年頭),
 * used for both languages: the weekend is Friday 18:00 to Monday 00:00; the end of a month its 21st to the
 * 1st of the next; the beginning of a month its 1st to its 11th; the end of a year September to January,
 * its beginning January to April.
 */
export type StretchRef =
  /** the weekend ending the calendar week `week` weeks from this one (0: this week's) */
  | { kind: 'weekend'; week: number }
  /** `month` resolves to the first day of the month meant */
  | { kind: 'month-part'; part: 'beginning' | 'end'; month: DateRef }
  /** of `year`, or of the year `years` from this one */
  | { kind: 'year-part'; part: 'beginning' | 'end'; year?: number; years?: number };

export type PartOfDay = 'early' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

interface Span { start: number; end: number }

/** A piece without its position in the text. */
export type PieceData =
  | { kind: 'date'; date: DateRef }
  | { kind: 'pod'; pod: PartOfDay; date?: DateRef }
  /** minute undefined: grain hour; meridiem from am/pm */
  | { kind: 'clock'; hour: number; minute?: number; meridiem?: 'am' | 'pm'; nextDay?: boolean }
  | { kind: 'shift'; amount: number; unit: Grain; direction: 1 | -1 }
  /** "a week from", "two days after": a shift from the date that follows it ("a week from today") */
  | { kind: 'shift-from'; amount: number; unit: Grain; direction: 1 | -1 }
  /** "within an hour", 一个小时内: from now until the shift, Duckling's "within <duration>" */
  | { kind: 'within'; amount: number; unit: Grain }
  | { kind: 'stretch'; stretch: StretchRef }
  | { kind: 'now' }
  | { kind: 'period'; grain: 'week' | 'month' | 'year'; offset: number };

export type TimePiece = Span & PieceData;

/** Hours [from, to) of each part of the day (to may be 24). */
export const PART_OF_DAY_HOURS: Readonly<Record<PartOfDay, [number, number]>> = {
  early: [0, 6], morning: [4, 12], noon: [12, 14], afternoon: [12, 19], evening: [18, 24], night: [18, 24],
};

/** Parts of the day after which 1-11 o'clock means p.m. */
export const PM_PARTS: ReadonlySet<PartOfDay> = new Set(['afternoon', 'evening', 'night']);
