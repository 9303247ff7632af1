// The `time` dimension: grammar pieces from both languages, adjacent ones combined into one
// expression, resolved against the reference time in the configured zone, in Duckling's shape.
import type { ExtractContext, SystemMatch } from '../system-entity.js';
import { englishTimePieces } from './en-time.js';
import { ducklingTime, resolveGroup, resolveSingle, type ResolvedTime } from './resolve-time.js';
import type { DateRef, PartOfDay, TimePiece } from './time-piece.js';
import { zhTimePieces } from './zh-time.js';
import { civilOf, type Civil } from './zoned-time.js';

interface Group {
  start: number;
  end: number;
  date?: DateRef;
  pod?: PartOfDay;
  clock?: Extract<TimePiece, { kind: 'clock' }>;
  single?: TimePiece;
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

function resolve(ref: Civil, g: Group): ResolvedTime | undefined {
  return g.single ? resolveSingle(ref, g.single) : resolveGroup(ref, g);
}

export function extractTimes(text: string, ctx: ExtractContext): SystemMatch[] {
  const ref = civilOf(ctx.reference, ctx.timezone);
  const out: SystemMatch[] = [];
  for (const g of groups(text, [...zhTimePieces(text), ...englishTimePieces(text)])) {
    const resolved = resolve(ref, g);
    const shaped = resolved && ducklingTime(resolved, ctx.timezone);
    if (shaped) out.push({ dim: 'time', start: g.start, end: g.end, value: shaped.value, additional_info: shaped.info });
  }
  return out;
}
