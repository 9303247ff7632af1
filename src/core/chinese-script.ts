// Chinese text read alike however it was typed: a character-for-character fold of traditional forms
// (and their Taiwan and Hong Kong variants) onto simplified ones, as OpenCC converts each character
// (chinese-fold-table.ts), and of the full-width letters and digits of Chinese input methods (１３８,
// ＯＫ) and the ideographic space onto ASCII. One character for one, so offsets into the folded text are
// offsets into the original: the NLU reads the fold and reports spans, and values, of the text the user
// wrote.
import { FOLD_PAIRS } from './chinese-fold-table.js';

/** Full-width ranges folded to ASCII: digits, capitals, small letters (not punctuation, which tokenizers drop anyway). */
const FULL_WIDTH: readonly [number, number, number][] = [[0xff10, 0xff19, 0x30], [0xff21, 0xff3a, 0x41], [0xff41, 0xff5a, 0x61]];
const IDEOGRAPHIC_SPACE = 0x3000;

let table: Uint16Array | undefined;

/** code unit → the code unit it folds to, 0 where it folds to itself */
function foldTable(): Uint16Array {
  if (table) return table;
  const out = new Uint16Array(0x10000);
  for (let i = 0; i + 1 < FOLD_PAIRS.length; i += 2) out[FOLD_PAIRS.charCodeAt(i)] = FOLD_PAIRS.charCodeAt(i + 1);
  for (const [first, last, ascii] of FULL_WIDTH) for (let c = first; c <= last; c++) out[c] = ascii + c - first;
  out[IDEOGRAPHIC_SPACE] = 0x20;
  table = out;
  return out;
}

/** Below this no code unit folds (the ideographic space is the first that does). */
const FIRST_FOLDED = IDEOGRAPHIC_SPACE;

/**
 * The text with each traditional character replaced by its simplified form (兩份雞腿 → 两份鸡腿,
 * 徐匯區 → 徐汇区) and full-width letters and digits by ASCII (手機１３８ → 手机138), the same length;
 * the text itself when nothing folds. Character by character, as OpenCC converts one alone: 髮 and 發
 * both fold to 发, the same way in training and in parsing.
 */
export function foldChinese(text: string): string {
  let codes: number[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < FIRST_FOLDED) continue;
    const s = foldTable()[c] as number;
    if (s === 0) continue;
    codes ??= Array.from({ length: text.length }, (_, k) => text.charCodeAt(k));
    codes[i] = s;
  }
  return codes === undefined ? text : String.fromCharCode(...codes);
}
