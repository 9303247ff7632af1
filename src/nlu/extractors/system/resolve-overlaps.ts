// Duckling's rule for competing readings: a match strictly inside a longer match (of any dimension)
// is dropped ("50" inside "50块", "十二" inside "明天中午十二点"); on the very same span the more
// specific dimension wins (a phone number over the number its digits also spell). A number that
// straddles the edge of another dimension's match has borrowed a digit from it (五一 in 两块五一斤,
// 2.5 yuan a jin): it is dropped too, as is a duration that straddles a time (六周 in 周六周日, Saturday and
// Sunday, not six weeks).
import type { Dimension, SystemMatch } from './system-entity.js';

const SPECIFICITY: readonly Dimension[] = ['email', 'url', 'phone-number', 'amount-of-money', 'time', 'duration', 'ordinal', 'number'];

const contains = (a: SystemMatch, b: SystemMatch): boolean => a.start <= b.start && a.end >= b.end;
const rank = (m: SystemMatch): number => SPECIFICITY.indexOf(m.dim);

const straddles = (a: SystemMatch, b: SystemMatch): boolean => a.start < b.end && b.start < a.end && !contains(a, b) && !contains(b, a);

function beats(a: SystemMatch, b: SystemMatch): boolean {
  if (straddles(a, b) && ((b.dim === 'number' && a.dim !== 'number') || (b.dim === 'duration' && a.dim === 'time'))) return true;
  if (!contains(a, b)) return false;
  const sameSpan = a.start === b.start && a.end === b.end;
  if (!sameSpan) return true;
  return rank(a) < rank(b);
}

export function resolveOverlaps(matches: SystemMatch[]): SystemMatch[] {
  const unique = matches.filter((m, i) => matches.findIndex((o) => o.dim === m.dim && o.start === m.start && o.end === m.end) === i);
  return unique
    .filter((m) => !unique.some((o) => o !== m && beats(o, m)))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
