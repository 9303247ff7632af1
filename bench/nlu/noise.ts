// Noisy copies of a test split, for the seed's complaint (95 % offline, 70 % in production): the
// same utterances as people type or dictate them, with fillers, dropped little words, typos and
// stray punctuation. Deterministic (seeded per utterance), so every system sees the same texts and
// a rerun gives the same numbers. Only the text changes: intent accuracy is scored, slots are not
// (a perturbed text's entity offsets no longer hold).
import { seededRandom } from '../../src/nlu/util/rng.js';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const EN_FILLERS = ['um', 'uh', 'so', 'hey', 'well', 'like', 'ok so'];
const EN_DROPPABLE = new Set(['the', 'a', 'an', 'to', 'my', 'is', 'are', 'please', 'for', 'of', 'me']);
const ZH_LEADING = ['呃', '那个', '嗯', '就是', '额'];
const ZH_TRAILING = ['啊', '吧', '呢', '哈', '呀'];
const ZH_DROPPABLE = ['的', '了', '吗', '请', '一下'];
const STRAY = ['!!', '?', '...', '。', '，'];
/** letters next to each other on a QWERTY keyboard */
const NEIGHBOURS: Record<string, string> = {
  a: 'sqz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n',
  n: 'bm', o: 'ip', p: 'o', q: 'wa', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'xa',
};

/** One typo in a word of 4+ letters: two letters swapped, one dropped, one doubled, or a neighbouring key. */
function typo(word: string, random: Random): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  if (kind === 0) return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 2) return word.slice(0, i) + (word[i] ?? '') + word.slice(i);
  const near = NEIGHBOURS[(word[i] ?? '').toLowerCase()];
  return near ? word.slice(0, i) + pick(random, [...near]) + word.slice(i + 1) : word;
}

function noisyEnglish(text: string, random: Random): string {
  let words = text.split(/\s+/).filter((w) => w !== '');
  const droppable = words.map((w, i) => (EN_DROPPABLE.has(w.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (droppable.length > 0 && words.length > 3 && random() < 0.5) {
    const drop = pick(random, droppable);
    words = words.filter((_, i) => i !== drop);
  }
  const long = words.map((w, i) => (/^[a-z]{4,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
  if (long.length > 0 && random() < 0.7) {
    const at = pick(random, long);
    words[at] = typo(words[at] as string, random);
  }
  if (random() < 0.5) words.unshift(pick(random, EN_FILLERS));
  if (random() < 0.3) words.push(pick(random, STRAY.slice(0, 3)));
  return words.join(' ');
}

function noisyChinese(text: string, random: Random): string {
  let out = text;
  const present = ZH_DROPPABLE.filter((w) => out.includes(w) && out.length > w.length + 2);
  if (present.length > 0 && random() < 0.5) out = out.replace(pick(random, present), '');
  if (random() < 0.5) out = pick(random, ZH_LEADING) + (random() < 0.5 ? '，' : '') + out;
  if (random() < 0.4) out += pick(random, ZH_TRAILING);
  if (random() < 0.3) out += pick(random, STRAY.slice(2));
  return out;
}

/** The noisy version of `text`, the same for the same (text position, seed). */
export function noisyUtterance(text: string, language: 'zh' | 'en', index: number, seed = 42): string {
  const random = seededRandom(Math.imul(seed, 0x9e3779b1) ^ index);
  const noisy = language === 'zh' ? noisyChinese(text, random) : noisyEnglish(text, random);
  return noisy.trim() === '' ? text : noisy;
}
