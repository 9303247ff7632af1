// The hashed features of every tagging unit of a message: the same ids, in the same order, as
// stableHash over the strings of unitFeatures (unit-features.ts), computed without building those
// strings. FNV-1a reads a string left to right, so the hash of `prefix + text` is the prefix's hash
// continued over text; the prefixes' states are computed once. This runs for every token of every
// parse (and every training sentence), where the strings and regex replaces used to dominate.
import type { Token } from '../../../component.js';
import type { PatternMatch } from '../../../extractors/patterns.js';
import { FNV_OFFSET, fnvContinue as fnv } from '../../../util/stable-hash.js';
import type { UnitContext } from './unit-features.js';

const prefix = (p: string): number => fnv(FNV_OFFSET, p);
const P = {
  bias: prefix('bias'), w: prefix('w:'), sh: prefix('sh:'), W: prefix('W:'), digit: prefix('digit'),
  wm1: prefix('w-1:'), wp1: prefix('w+1:'), wm2: prefix('w-2:'), wp2: prefix('w+2:'),
  wwm1: prefix('ww-1:'), wwp1: prefix('ww+1:'), wm1wp1: prefix('w-1w+1:'), shm1: prefix('sh-1:'),
  wwwm: prefix('www-:'), wwwp: prefix('www+:'), re: prefix('re:'), gz: prefix('gz:'), I: prefix('I:'),
  p: [prefix('p1:'), prefix('p2:'), prefix('p3:')], s: [prefix('s1:'), prefix('s2:'), prefix('s3:')],
};

const ASTRAL = /[\uD800-\uDFFF]/;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const NUMBER = /^\p{N}$/u;
const HAN = /^\p{Script=Han}$/u;
const shapeOfCodePoint = new Map<number, string>();

/** wordShape's class of one code point: X upper, x lower, d number, H Han, p anything else. */
function shapeClass(cp: number): string {
  if (cp < 128) return cp >= 65 && cp <= 90 ? 'X' : cp >= 97 && cp <= 122 ? 'x' : cp >= 48 && cp <= 57 ? 'd' : 'p';
  let c = shapeOfCodePoint.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = UPPER.test(ch) ? 'X' : LOWER.test(ch) ? 'x' : NUMBER.test(ch) ? 'd' : HAN.test(ch) ? 'H' : 'p';
    if (shapeOfCodePoint.size < 65536) shapeOfCodePoint.set(cp, c);
  }
  return c;
}

/** The same string as wordShape (unit-features.ts): one class per code point, runs capped at two. */
export function fastWordShape(text: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    const c = shapeClass(cp);
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

/** Code-unit offsets of the first n code points and of the last n, for n = 1..3 (when shorter than w). */
function affixHashes(w: string, out: HashWriter): void {
  const cps = ASTRAL.test(w) ? Array.from(w) : undefined;
  const count = cps ? cps.length : w.length;
  for (let n = 1; n <= 3 && n < count; n++) {
    if (cps) {
      out.push(fnv(P.p[n - 1] as number, cps.slice(0, n).join('')), fnv(P.s[n - 1] as number, cps.slice(-n).join('')));
    } else {
      out.push(fnv(P.p[n - 1] as number, w, 0, n), fnv(P.s[n - 1] as number, w, w.length - n));
    }
  }
}

interface UnitStrings { lower: readonly string[]; shapes: readonly string[] }

/** Hashes appended one after another into an Int32Array grown as needed (parse hot path: no boxed numbers). */
class HashWriter {
  buf = new Int32Array(1024);
  length = 0;

  push(...hashes: number[]): void {
    for (const h of hashes) this.add(h);
  }

  add(h: number): void {
    if (this.length === this.buf.length) {
      const grown = new Int32Array(2 * this.buf.length);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.length++] = h;
  }
}

const BOS = '<s>';
const EOS = '</s>';

function patternHashes(matches: readonly PatternMatch[], kind: number, u: Token, out: HashWriter): void {
  for (const m of matches) {
    if (m.start > u.start || m.end < u.end) continue;
    const part = m.start === u.start ? (m.end === u.end ? 'U' : 'B') : m.end === u.end ? 'L' : 'I';
    const name = fnv(kind, m.name);
    out.push(fnv(fnv(name, ':'), part), name);
  }
}

/** The lowercased unit k, or the sentence boundary (a function, not a closure per unit: parse hot path). */
const at = (lower: readonly string[], k: number): string => (k < 0 ? BOS : k >= lower.length ? EOS : (lower[k] as string));

/** Appends unit i's feature hashes to `out`. */
function unitHashes(ctx: UnitContext, s: UnitStrings, i: number, intent: number | undefined, out: HashWriter): void {
  const u = ctx.units[i] as Token;
  const lower = s.lower;
  const w = at(lower, i);
  const prev = at(lower, i - 1);
  const next = at(lower, i + 1);
  out.push(P.bias, fnv(P.w, w), fnv(P.sh, s.shapes[i] as string));
  if (u.text !== w) out.push(fnv(P.W, u.text));
  if (/^d+$/.test(s.shapes[i] as string)) out.push(P.digit);
  affixHashes(w, out);
  out.push(fnv(P.wm1, prev), fnv(P.wp1, next), fnv(P.wm2, at(lower, i - 2)), fnv(P.wp2, at(lower, i + 2)));
  out.push(fnv(fnv(fnv(P.wwm1, prev), '|'), w), fnv(fnv(fnv(P.wwp1, w), '|'), next));
  if (ctx.characters) {
    out.push(fnv(fnv(fnv(P.wm1wp1, prev), '|'), next), fnv(P.shm1, i > 0 ? (s.shapes[i - 1] as string) : BOS));
    out.push(fnv(fnv(fnv(fnv(fnv(P.wwwm, at(lower, i - 2)), '|'), prev), '|'), w), fnv(fnv(fnv(fnv(fnv(P.wwwp, w), '|'), next), '|'), at(lower, i + 2)));
  }
  patternHashes(ctx.matches, P.re, u, out);
  if (ctx.gazetteer) patternHashes(ctx.gazetteer, P.gz, u, out);
  if (intent !== undefined) {
    out.push(intent, fnv(fnv(intent, '|w:'), w), fnv(fnv(intent, '|w-1:'), prev), fnv(fnv(intent, '|w+1:'), next));
  }
}

/** Reused across calls (parsing is synchronous): the hashes of all units, one after another. */
const scratch = new HashWriter();

/** stableHash of each string of unitFeatures(ctx, i), for every unit i. */
export function unitFeatureHashes(ctx: UnitContext): Int32Array[] {
  const strings: UnitStrings = {
    lower: ctx.units.map((u) => u.text.toLowerCase()),
    shapes: ctx.units.map((u) => fastWordShape(u.text)),
  };
  const intent = ctx.intent === '' ? undefined : fnv(P.I, ctx.intent);
  scratch.length = 0;
  const ends = new Int32Array(ctx.units.length);
  for (let i = 0; i < ctx.units.length; i++) {
    unitHashes(ctx, strings, i, intent, scratch);
    ends[i] = scratch.length;
  }
  // one buffer per message, a view per unit: a typed array per unit cost an off-heap allocation each
  const flat = scratch.buf.slice(0, scratch.length);
  const out: Int32Array[] = [];
  for (let i = 0; i < ends.length; i++) out.push(flat.subarray(i === 0 ? 0 : (ends[i - 1] as number), ends[i] as number));
  return out;
}
