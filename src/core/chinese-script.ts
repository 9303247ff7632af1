// Traditional and Simplified Chinese read alike: a character-for-character fold of traditional forms
// (and their Taiwan and Hong Kong variants) onto simplified ones, as OpenCC converts each character
// (chinese-fold-table.ts). One character for one, so offsets into the folded text are offsets into the
// original: the NLU reads the fold and reports spans, and values, of the text the user wrote.
import { FOLD_PAIRS } from './chinese-fold-table.js';

let table: Uint16Array | undefined;

/** code unit → the simplified code unit it folds to, 0 where it folds to itself */
function foldTable(): Uint16Array {
  if (table) return table;
  const out = new Uint16Array(0x10000);
  for (let i = 0; i + 1 < FOLD_PAIRS.length; i += 2) out[FOLD_PAIRS.charCodeAt(i)] = FOLD_PAIRS.charCodeAt(i + 1);
  table = out;
  return out;
}

/** The first code unit a traditional character can have (CJK Extension A). */
const FIRST_HAN = 0x3400;

/**
 * The text with each traditional character replaced by its simplified form (兩份雞腿 → 两份鸡腿,
 * 徐匯區 → 徐汇区), the same length; the text itself when it has none. Character by character, as
 * OpenCC converts one alone: 著 folds to 着 even in 著名, the same way in training and in parsing.
 */
export function simplifyChinese(text: string): string {
  let codes: number[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < FIRST_HAN) continue;
    const s = foldTable()[c] as number;
    if (s === 0) continue;
    codes ??= Array.from({ length: text.length }, (_, k) => text.charCodeAt(k));
    codes[i] = s;
  }
  return codes === undefined ? text : String.fromCharCode(...codes);
}
