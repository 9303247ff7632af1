// The hashed features of every tagging unit of a message: the same ids, in the same order, as
// stableHash over the strings of unitFeatures (unit-features.ts), computed without building those
// strings. FNV-1a reads a string left to right, so the hash of `prefix + text` is the prefix's hash
// continued over text; the prefixes' states are computed once. This runs for every token of every
// parse (and every training sentence), where the strings and regex replaces used to dominate.
import type { Token } from '../../../component.js';
import type { PatternMatch } from '../../../extractors/patterns.js';
import { codePointClasses } from '../../../util/code-point-classes.js';
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
/** wordShape's class of a non-ASCII character */
const shapeOfCodePoint = codePointClasses((ch) => (UPPER.test(ch) ? 'X' : LOWER.test(ch) ? 'x' : NUMBER.test(ch) ? 'd' : HAN.test(ch) ? 'H' : 'p'));

/** wordShape's class of one code point: X upper, x lower, d number, H Han, p anything else. */
function shapeClass(cp: number): string {
  if (cp < 128) return cp >= 65 && cp <= 90 ? 'X' : cp >= 97 && cp <= 122 ? 'x' : cp >= 48 && cp <= 57 ? 'd' : 'p';
  return shapeOfCodePoint(cp);
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

/** per pattern kind and name: the hashes of `kind:name` and of `kind:name:U`, `:B`, `:L`, `:I` (a few names per model) */
const patternStates = new Map<number, Map<string, Int32Array>>();
const PART_U = 1, PART_B = 2, PART_L = 3, PART_I = 4;

function patternStatesOf(kind: number, name: string): Int32Array {
  let byName = patternStates.get(kind);
  if (!byName) patternStates.set(kind, (byName = new Map()));
  let states = byName.get(name);
  if (!states) {
    const h = fnv(kind, name);
    const colon = fnv(h, ':');
    states = Int32Array.of(h, fnv(colon, 'U'), fnv(colon, 'B'), fnv(colon, 'L'), fnv(colon, 'I'));
    byName.set(name, states);
  }
  return states;
}

function patternHashes(matches: readonly PatternMatch[], kind: number, u: Token, out: HashWriter): void {
  for (const m of matches) {
    if (m.start > u.start || m.end < u.end) continue;
    const states = patternStatesOf(kind, m.name);
    const part = m.start === u.start ? (m.end === u.end ? PART_U : PART_B) : m.end === u.end ? PART_L : PART_I;
    out.add(states[part] as number);
    out.add(states[0] as number);
  }
}

/**
 * What a unit's text alone decides: its lowercase, its own features, and the hashes its neighbours'
 * features start from (complete for w±k and sh-1, the state after "prefix + word + |" for the
 * conjunctions). Most units of a message were seen in earlier ones: kept per text, a unit costs one
 * map lookup and the conjunctions' last words, not every string's hash.
 */
interface UnitText {
  lower: string;
  /** bias, w, sh, W (when case differs), digit, affixes: the unit's own features, first */
  own: Int32Array;
  wm1: number; wp1: number; wm2: number; wp2: number; shm1: number;
  wwm1: number; wwp1: number; wm1wp1: number; wwwm: number; wwwp: number;
}

const states = (lower: string, shm1: number, own: Int32Array): UnitText => ({
  lower, own, shm1,
  wm1: fnv(P.wm1, lower), wp1: fnv(P.wp1, lower), wm2: fnv(P.wm2, lower), wp2: fnv(P.wp2, lower),
  wwm1: fnv(fnv(P.wwm1, lower), '|'), wwp1: fnv(fnv(P.wwp1, lower), '|'), wm1wp1: fnv(fnv(P.wm1wp1, lower), '|'),
  wwwm: fnv(fnv(P.wwwm, lower), '|'), wwwp: fnv(fnv(P.wwwp, lower), '|'),
});

/** the sentence boundaries, as neighbours (they have no features of their own) */
const BOS_TEXT = states(BOS, fnv(P.shm1, BOS), new Int32Array(0));
const EOS_TEXT = states(EOS, fnv(P.shm1, EOS), new Int32Array(0));

/** texts whose UnitText is kept (a few hundred bytes each); emptied when full */
const UNIT_TEXT_CACHE_SIZE = 20_000;
const unitTexts = new Map<string, UnitText>();
const ownScratch = new HashWriter();

function unitText(text: string): UnitText {
  let t = unitTexts.get(text);
  if (t) return t;
  const lower = text.toLowerCase();
  const shape = fastWordShape(text);
  ownScratch.length = 0;
  ownScratch.add(P.bias);
  ownScratch.add(fnv(P.w, lower));
  ownScratch.add(fnv(P.sh, shape));
  if (text !== lower) ownScratch.add(fnv(P.W, text));
  if (/^d+$/.test(shape)) ownScratch.add(P.digit);
  affixHashes(lower, ownScratch);
  t = states(lower, fnv(P.shm1, shape), ownScratch.buf.slice(0, ownScratch.length));
  if (unitTexts.size >= UNIT_TEXT_CACHE_SIZE) unitTexts.clear();
  unitTexts.set(text, t);
  return t;
}

/** The intent's hash states for its conjunctions with a word (per message). */
interface IntentStates { intent: number; w: number; wm1: number; wp1: number }

/**
 * Appends unit i's feature hashes to `out`: the same hashes, in the same order, as stableHash over
 * unitFeatures' strings. `texts[k + 2]` is unit k's UnitText, two boundaries padding each end.
 */
function unitHashes(ctx: UnitContext, texts: readonly UnitText[], i: number, intent: IntentStates | undefined, out: HashWriter): void {
  const u = ctx.units[i] as Token;
  const prev2 = texts[i] as UnitText;
  const prev = texts[i + 1] as UnitText;
  const self = texts[i + 2] as UnitText;
  const next = texts[i + 3] as UnitText;
  const next2 = texts[i + 4] as UnitText;
  const w = self.lower;
  for (let k = 0; k < self.own.length; k++) out.add(self.own[k] as number);
  out.add(prev.wm1);
  out.add(next.wp1);
  out.add(prev2.wm2);
  out.add(next2.wp2);
  out.add(fnv(prev.wwm1, w));
  out.add(fnv(self.wwp1, next.lower));
  if (ctx.characters) {
    out.add(fnv(prev.wm1wp1, next.lower));
    out.add(prev.shm1);
    out.add(fnv(fnv(fnv(prev2.wwwm, prev.lower), '|'), w));
    out.add(fnv(fnv(fnv(self.wwwp, next.lower), '|'), next2.lower));
  }
  patternHashes(ctx.matches, P.re, u, out);
  if (ctx.gazetteer) patternHashes(ctx.gazetteer, P.gz, u, out);
  if (intent !== undefined) {
    out.add(intent.intent);
    out.add(fnv(intent.w, w));
    out.add(fnv(intent.wm1, prev.lower));
    out.add(fnv(intent.wp1, next.lower));
  }
}

/** Reused across calls (parsing is synchronous): the hashes of all units, one after another. */
const scratch = new HashWriter();

/** Every unit's hashes into `scratch`, one unit after another; unit i's end in the returned array. */
function fillScratch(ctx: UnitContext): Int32Array {
  const texts = [BOS_TEXT, BOS_TEXT, ...ctx.units.map((u) => unitText(u.text)), EOS_TEXT, EOS_TEXT];
  const i0 = ctx.intent === '' ? undefined : fnv(P.I, ctx.intent);
  const intent = i0 === undefined ? undefined : { intent: i0, w: fnv(i0, '|w:'), wm1: fnv(i0, '|w-1:'), wp1: fnv(i0, '|w+1:') };
  scratch.length = 0;
  const ends = new Int32Array(ctx.units.length);
  for (let i = 0; i < ctx.units.length; i++) {
    unitHashes(ctx, texts, i, intent, scratch);
    ends[i] = scratch.length;
  }
  return ends;
}

/** stableHash of each string of unitFeatures(ctx, i), for every unit i. */
export function unitFeatureHashes(ctx: UnitContext): Int32Array[] {
  const ends = fillScratch(ctx);
  // one buffer per message, a view per unit: a typed array per unit cost an off-heap allocation each
  const flat = scratch.buf.slice(0, scratch.length);
  const out: Int32Array[] = [];
  for (let i = 0; i < ends.length; i++) out.push(flat.subarray(i === 0 ? 0 : (ends[i - 1] as number), ends[i] as number));
  return out;
}

/** The same hashes, flat: unit i's are hashes[ends[i − 1] .. ends[i]). */
export interface FlatUnitHashes { hashes: Int32Array; ends: Int32Array }

/**
 * unitFeatureHashes as one array (parsing): a view of a buffer the next call reuses, so it is read
 * before another message is featurized. No copy and no view per unit.
 */
export function unitFeatureHashesFlat(ctx: UnitContext): FlatUnitHashes {
  const ends = fillScratch(ctx);
  return { hashes: scratch.buf.subarray(0, scratch.length), ends };
}
