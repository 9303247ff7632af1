// Wall-clock time in an IANA zone without a date library: Intl gives the zone's offset at an instant;
// arithmetic happens on civil (wall-clock) fields and converts back at the end.

export interface Civil { y: number; mo: number; d: number; h: number; mi: number; s: number }
export type Grain = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Throws a RangeError for a zone Intl does not know. */
export function assertTimezone(timezone: string): void {
  formatter(timezone);
}

export function civilOf(instant: Date, timezone: string): Civil {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year ?? 1970, mo: parts.month ?? 1, d: parts.day ?? 1, h: (parts.hour ?? 0) % 24, mi: parts.minute ?? 0, s: parts.second ?? 0 };
}

const civilMs = (c: Civil): number => Date.UTC(c.y, c.mo - 1, c.d, c.h, c.mi, c.s);
const fromMs = (ms: number): Civil => {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
};

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(instant: Date, timezone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((civilMs(civilOf(new Date(ms), timezone)) - ms) / 60000);
}

export function instantOf(c: Civil, timezone: string): Date {
  const guess = civilMs(c);
  const first = guess - offsetMinutes(new Date(guess), timezone) * 60000;
  return new Date(guess - offsetMinutes(new Date(first), timezone) * 60000);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Duckling's format: 2026-03-06T12:00:00.000+08:00 */
export function isoString(c: Civil, timezone: string): string {
  const off = offsetMinutes(instantOf(c, timezone), timezone);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${pad(c.y, 4)}-${pad(c.mo)}-${pad(c.d)}T${pad(c.h)}:${pad(c.mi)}:${pad(c.s)}.000${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

export const addDays = (c: Civil, days: number): Civil => fromMs(civilMs(c) + days * 86400000);
export const addSeconds = (c: Civil, seconds: number): Civil => fromMs(civilMs(c) + seconds * 1000);
export function addMonths(c: Civil, months: number): Civil {
  const total = c.y * 12 + (c.mo - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { ...c, y, mo, d: Math.min(c.d, last) };
}

/** 1 = Monday … 7 = Sunday (ISO). */
export const isoWeekday = (c: Civil): number => ((new Date(civilMs(c)).getUTCDay() + 6) % 7) + 1;
export const startOfDay = (c: Civil): Civil => ({ ...c, h: 0, mi: 0, s: 0 });
export const atTime = (c: Civil, h: number, mi = 0): Civil => addSeconds(startOfDay(c), h * 3600 + mi * 60);
export const compareCivil = (a: Civil, b: Civil): number => civilMs(a) - civilMs(b);
export const isValidDate = (y: number, mo: number, d: number): boolean =>
  mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();

export function startOfGrain(c: Civil, grain: Grain): Civil {
  switch (grain) {
    case 'second': return c;
    case 'minute': return { ...c, s: 0 };
    case 'hour': return { ...c, mi: 0, s: 0 };
    case 'day': return startOfDay(c);
    case 'week': return addDays(startOfDay(c), 1 - isoWeekday(c));
    case 'month': return { ...startOfDay(c), d: 1 };
    case 'year': return { ...startOfDay(c), mo: 1, d: 1 };
  }
}

/** The first instant after a grain-long span starting at `c`. */
export function endOfGrain(c: Civil, grain: Grain): Civil {
  switch (grain) {
    case 'second': return addSeconds(c, 1);
    case 'minute': return addSeconds(c, 60);
    case 'hour': return addSeconds(c, 3600);
    case 'day': return addDays(c, 1);
    case 'week': return addDays(c, 7);
    case 'month': return addMonths(c, 1);
    case 'year': return addMonths(c, 12);
  }
}
