// The units the entity tagger labels. Words from the tokenizer, or for Chinese single characters
// (runs of Latin letters/digits stay one unit), since annotations need not follow jieba's word
// boundaries. During training a unit is also split where an annotated entity starts or ends inside it.
import type { Token } from '../../../component.js';
import { codePointClasses } from '../../../util/code-point-classes.js';

const RUN = /^[\p{Script=Latin}\p{N}]$/u;
const SPACE = /^\s$/u;
/** code point kind: 0 a unit of its own, 1 part of a Latin/digit run, 2 whitespace (no unit) */
const kindOfNonAscii = codePointClasses((ch) => (RUN.test(ch) ? 1 : SPACE.test(ch) ? 2 : 0));

function kindOf(cp: number): number {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) ? 1 : (cp >= 9 && cp <= 13) || cp === 32 ? 2 : 0;
  return kindOfNonAscii(cp);
}

/**
 * Every character a unit, but runs of Latin letters and digits one unit, whitespace none (what
 * /[\p{Script=Latin}\p{N}]+|[^\s\p{Script=Latin}\p{N}]/gu matches, scanned without a match object
 * per character: this runs for every Chinese parse).
 */
export function characterUnits(text: string): Token[] {
  const out: Token[] = [];
  let runStart = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    if (kind === 1) {
      if (runStart < 0) runStart = i;
    } else {
      if (runStart >= 0) {
        out.push({ text: text.slice(runStart, i), start: runStart, end: i });
        runStart = -1;
      }
      if (kind === 0) out.push({ text: text.slice(i, i + width), start: i, end: i + width });
    }
    i += width;
  }
  if (runStart >= 0) out.push({ text: text.slice(runStart), start: runStart, end: text.length });
  return out;
}

/** Splits tokens that strictly contain one of `cuts` (character offsets); whitespace never becomes a unit. */
export function splitAt(text: string, tokens: readonly Token[], cuts: readonly number[]): Token[] {
  if (cuts.length === 0) return [...tokens];
  const out: Token[] = [];
  for (const t of tokens) {
    const inner = cuts.filter((c) => c > t.start && c < t.end).sort((a, b) => a - b);
    let from = t.start;
    for (const c of [...new Set(inner)].concat(t.end)) {
      const piece = text.slice(from, c);
      const lead = piece.length - piece.trimStart().length;
      const trimmed = piece.trim();
      if (trimmed.length > 0) out.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
      from = c;
    }
  }
  return out;
}

export interface UnitOptions { characters: boolean }

/** The tagging units of a message; `cuts` are annotation boundaries (training only). */
export function tagUnits(text: string, tokens: readonly Token[], opts: UnitOptions, cuts: readonly number[] = []): Token[] {
  return splitAt(text, opts.characters ? characterUnits(text) : tokens, cuts);
}
