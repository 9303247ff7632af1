// The units the entity tagger labels. Words from the tokenizer, or for Chinese single characters
// (runs of Latin letters/digits stay one unit), since annotations need not follow jieba's word
// boundaries. During training a unit is also split where an annotated entity starts or ends inside it.
import type { Token } from '../../../component.js';

const UNIT = /[\p{Script=Latin}\p{N}]+|[^\s\p{Script=Latin}\p{N}]/gu;

export function characterUnits(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(UNIT)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
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
