// Feature strings of each tagging unit: the unit and its neighbours (window ±2), affixes, shape and
// pattern (regex / lookup) matches. No jieba word features for Chinese characters: the tokenizer's
// user dictionary holds every annotated entity, so in training an entity is always one whole word
// while an unseen one at parse time is cut into ordinary words; the CRF learnt "long word = entity"
// and missed every new address. Character n-grams generalise instead.
import type { Token } from '../../../component.js';
import type { PatternMatch } from '../../../extractors/patterns.js';

export interface UnitContext {
  units: readonly Token[];
  matches: readonly PatternMatch[];
  /** spans spelling a known entity value (gazetteer.ts), named by entity type */
  gazetteer?: readonly PatternMatch[];
  characters: boolean;
  /** '' when unknown */
  intent: string;
}

export function wordShape(text: string): string {
  const mapped = text
    .replace(/\p{Lu}/gu, 'X').replace(/\p{Ll}/gu, 'x').replace(/\p{N}/gu, 'd')
    .replace(/\p{Script=Han}/gu, 'H').replace(/[^XxdH]/gu, 'p');
  return mapped.replace(/(.)\1{2,}/gu, '$1$1');
}

const lowerAt = (units: readonly Token[], i: number): string =>
  i < 0 ? '<s>' : i >= units.length ? '</s>' : (units[i] as Token).text.toLowerCase();

function affixes(w: string, out: string[]): void {
  const chars = Array.from(w);
  for (let n = 1; n <= 3 && n < chars.length; n++) out.push(`p${n}:${chars.slice(0, n).join('')}`, `s${n}:${chars.slice(-n).join('')}`);
}

function patternFeatures(matches: readonly PatternMatch[], kind: 're' | 'gz', u: Token, out: string[]): void {
  for (const m of matches) {
    if (m.start > u.start || m.end < u.end) continue;
    const part = m.start === u.start ? (m.end === u.end ? 'U' : 'B') : m.end === u.end ? 'L' : 'I';
    out.push(`${kind}:${m.name}:${part}`, `${kind}:${m.name}`);
  }
}

export function unitFeatures(ctx: UnitContext, i: number): string[] {
  const units = ctx.units;
  const u = units[i] as Token;
  const w = lowerAt(units, i);
  const out = ['bias', `w:${w}`, `sh:${wordShape(u.text)}`];
  if (u.text !== w) out.push(`W:${u.text}`);
  if (/^\p{N}+$/u.test(u.text)) out.push('digit');
  affixes(w, out);
  const prev = lowerAt(units, i - 1);
  const next = lowerAt(units, i + 1);
  out.push(`w-1:${prev}`, `w+1:${next}`, `w-2:${lowerAt(units, i - 2)}`, `w+2:${lowerAt(units, i + 2)}`);
  out.push(`ww-1:${prev}|${w}`, `ww+1:${w}|${next}`);
  if (ctx.characters) {
    out.push(`w-1w+1:${prev}|${next}`, `sh-1:${i > 0 ? wordShape((units[i - 1] as Token).text) : '<s>'}`);
    out.push(`www-:${lowerAt(units, i - 2)}|${prev}|${w}`, `www+:${w}|${next}|${lowerAt(units, i + 2)}`);
  }
  patternFeatures(ctx.matches, 're', u, out);
  patternFeatures(ctx.gazetteer ?? [], 'gz', u, out);
  if (ctx.intent !== '') out.push(`I:${ctx.intent}`, `I:${ctx.intent}|w:${w}`, `I:${ctx.intent}|w-1:${prev}`, `I:${ctx.intent}|w+1:${next}`);
  return out;
}
