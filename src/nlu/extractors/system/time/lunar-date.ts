// Dates of the Chinese lunar calendar (春节, 中秋节, 正月十五, 大年初二) as Gregorian days, through
// lunar-javascript: the next such day, today included, as for a calendar date without a year.
import lunar from 'lunar-javascript';
import { addDays, compareCivil, type Civil } from './zoned-time.js';

/** A lunar month and day; `shift` days from it (除夕 is the day before 正月初一, the 12th month having 29 or 30 days). */
export interface LunarRef { month: number; day: number; shift?: number }

/** converted days by "year-month-day" (a conversion costs about a millisecond; the days asked for are few) */
const solarDays = new Map<string, Civil | null>();
const SOLAR_DAYS_KEPT = 2000;

function convert(lunarYear: number, month: number, day: number): Civil | null {
  try {
    const s = lunar.Lunar.fromYmd(lunarYear, month, day).getSolar();
    return { y: s.getYear(), mo: s.getMonth(), d: s.getDay(), h: 0, mi: 0, s: 0 };
  } catch {
    // a day the lunar month does not have (三十 of a short month)
    return null;
  }
}

function solarOf(lunarYear: number, ref: LunarRef): Civil | undefined {
  const key = `${lunarYear}-${ref.month}-${ref.day}`;
  let day = solarDays.get(key);
  if (day === undefined) {
    day = convert(lunarYear, ref.month, ref.day);
    if (solarDays.size >= SOLAR_DAYS_KEPT) solarDays.clear();
    solarDays.set(key, day);
  }
  return day === null ? undefined : addDays(day, ref.shift ?? 0);
}

/** The first Gregorian day on or after `today` that is the lunar date. */
export function nextLunarDate(today: Civil, ref: LunarRef): Civil | undefined {
  // a lunar year starts in January or February: its 12th month reaches into the next Gregorian year
  for (const year of [today.y - 1, today.y, today.y + 1]) {
    const day = solarOf(year, ref);
    if (day && compareCivil(day, today) >= 0) return day;
  }
  return undefined;
}
