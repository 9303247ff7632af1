// Named patterns from NLU data (regexes and lookup tables), compiled for matching inside a message.
import type { NluTrainingData } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { UNSPACED_SCRIPT } from '../util/language.js';
import { compilePythonRegex, escapeRegex } from '../util/python-regex.js';

export interface PatternSource { name: string; pattern: string }

export interface PatternSelection {
  useRegexes: boolean;
  useLookupTables: boolean;
  /** keep only patterns whose name is one of these (RegexEntityExtractor: entity names) */
  names?: ReadonlySet<string>;
}

/** A lookup table is one alternation, longest element first so the longest surface wins. */
export function lookupPattern(elements: readonly string[]): string {
  const unique = [...new Set(elements.map((e) => e.trim()).filter((e) => e.length > 0))];
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:${unique.map(escapeRegex).join('|')})`;
}

export function collectPatterns(data: NluTrainingData, sel: PatternSelection): PatternSource[] {
  const keep = (name: string): boolean => sel.names === undefined || sel.names.has(name);
  const out: PatternSource[] = [];
  if (sel.useRegexes) for (const r of data.regexes) if (keep(r.name)) out.push({ name: r.name, pattern: r.pattern });
  if (sel.useLookupTables) {
    for (const l of data.lookups) if (keep(l.name) && l.elements.length > 0) out.push({ name: l.name, pattern: lookupPattern(l.elements) });
  }
  return out;
}

export interface CompileOptions { caseSensitive: boolean; wordBoundaries: boolean }

// A "word character" for boundary purposes excludes scripts written without spaces, so a boundary
// never blocks a match inside Chinese text while still stopping "cat" from matching in "category".
const WORD_CHAR = `(?:(?![${UNSPACED_SCRIPT}])[\\p{L}\\p{N}_])`;

export function compilePattern(src: PatternSource, opts: CompileOptions): RegExp {
  const flags = opts.caseSensitive ? 'g' : 'gi';
  try {
    const probe = compilePythonRegex(src.pattern, flags);
    if (!opts.wordBoundaries) return probe.regex;
    const body = probe.regex.source;
    return probe.unicode
      ? new RegExp(`(?<!${WORD_CHAR})(?:${body})(?!${WORD_CHAR})`, probe.regex.flags)
      : new RegExp(`\\b(?:${body})\\b`, probe.regex.flags);
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `NLU data: regex "${src.name}" (${JSON.stringify(src.pattern)}) is not a valid regular expression`, { cause });
  }
}

export interface PatternMatch { name: string; start: number; end: number; text: string }

export function findMatches(regex: RegExp, name: string, text: string): PatternMatch[] {
  const out: PatternMatch[] = [];
  regex.lastIndex = 0;
  for (const m of text.matchAll(regex)) {
    if (m[0].length > 0) out.push({ name, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}
