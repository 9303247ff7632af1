// What the language grammars find in a text before it is resolved against the reference time:
// a date, a part of the day, a clock time, a shift from now, or a whole period. Adjacent date,
// part-of-day and clock pieces combine into one expression ("明天" + "中午" + "十二点").
import type { Grain } from './zoned-time.js';

export type DateRef =
  | { kind: 'relative-day'; days: number }
  /** `week` undefined: the next occurrence (today included); 'last': the previous occurrence; a number: that calendar week from this one */
  | { kind: 'weekday'; weekday: number; week?: number | 'last' }
  /** month undefined: a day of this (or next) month; day undefined: the whole month */
  | { kind: 'calendar'; year?: number; month?: number; day?: number };

export type PartOfDay = 'early' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

interface Span { start: number; end: number }

/** A piece without its position in the text. */
export type PieceData =
  | { kind: 'date'; date: DateRef }
  | { kind: 'pod'; pod: PartOfDay; date?: DateRef }
  /** minute undefined: grain hour; meridiem from am/pm */
  | { kind: 'clock'; hour: number; minute?: number; meridiem?: 'am' | 'pm'; nextDay?: boolean }
  | { kind: 'shift'; amount: number; unit: Grain; direction: 1 | -1 }
  | { kind: 'now' }
  | { kind: 'period'; grain: 'week' | 'month' | 'year'; offset: number };

export type TimePiece = Span & PieceData;

/** Hours [from, to) of each part of the day (to may be 24). */
export const PART_OF_DAY_HOURS: Readonly<Record<PartOfDay, [number, number]>> = {
  early: [0, 6], morning: [4, 12], noon: [12, 14], afternoon: [12, 19], evening: [18, 24], night: [18, 24],
};

/** Parts of the day after which 1-11 o'clock means p.m. */
export const PM_PARTS: ReadonlySet<PartOfDay> = new Set(['afternoon', 'evening', 'night']);
