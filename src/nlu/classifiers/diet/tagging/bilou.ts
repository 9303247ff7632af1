// BILOU tags over tagging units: tag 0 is O; entity type e has B = 1+4e, I = 2+4e, L = 3+4e, U = 4+4e.
import type { Token } from '../../../component.js';

export const tagCount = (types: number): number => 1 + 4 * types;
export const typeOf = (tag: number): number => (tag - 1) >> 2;
/** 0 = B, 1 = I, 2 = L, 3 = U (for tag > 0) */
export const partOf = (tag: number): number => (tag - 1) & 3;
export const isStartTag = (tag: number): boolean => tag === 0 || partOf(tag) === 0 || partOf(tag) === 3;
export const isEndTag = (tag: number): boolean => tag === 0 || partOf(tag) === 2 || partOf(tag) === 3;

export interface Span { type: number; start: number; end: number }
/** A span over units: first and last unit index, inclusive. */
export interface UnitSpan { type: number; first: number; last: number }

/** Units fully inside an annotated span get its tags; overlapping annotations after the first are ignored. */
export function encodeBilou(units: readonly Token[], spans: readonly Span[]): Int32Array {
  const tags = new Int32Array(units.length);
  const taken = new Uint8Array(units.length);
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const inside: number[] = [];
    units.forEach((u, i) => { if (u.start >= s.start && u.end <= s.end) inside.push(i); });
    if (inside.length === 0 || inside.some((i) => taken[i])) continue;
    const base = 1 + 4 * s.type;
    inside.forEach((i, k) => {
      taken[i] = 1;
      tags[i] = inside.length === 1 ? base + 3 : k === 0 ? base : k === inside.length - 1 ? base + 2 : base + 1;
    });
  }
  return tags;
}

/** Reads spans off a tag sequence; a malformed run (no L) is closed where it breaks. */
export function decodeBilou(tags: ArrayLike<number>): UnitSpan[] {
  const spans: UnitSpan[] = [];
  let open: UnitSpan | undefined;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as number;
    const type = tag === 0 ? -1 : typeOf(tag);
    const part = tag === 0 ? -1 : partOf(tag);
    if (open && (type !== open.type || part === 0 || part === 3)) { spans.push(open); open = undefined; }
    if (tag === 0) continue;
    if (!open) open = { type, first: i, last: i };
    else open.last = i;
    if (part === 2 || part === 3) { spans.push(open); open = undefined; }
  }
  if (open) spans.push(open);
  return spans;
}
