import { describe, expect, it } from 'vitest';
import { lowerCase } from './lower-case.js';

describe('lowerCase', () => {
  it('is toLowerCase on texts of every kind', () => {
    for (const text of ['', 'hello', 'Hello WORLD', '我要两份牛肉套餐', '我要ABC套餐', 'ＡＢＣ套餐', 'Émile', 'İstanbul', 'ǅ', '😀 OK', '1,2 3!', 'STRASSE', 'ΣΑΣ', 'Ⅱ号'])
      expect(lowerCase(text)).toBe(text.toLowerCase());
  });

  it('keeps a string only where toLowerCase leaves every character alone (ASCII but A-Z, CJK ideographs)', () => {
    for (let c = 0; c < 0x80; c++) if ((c < 65 || c > 90) && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c)) throw new Error(`U+${c.toString(16)}`);
    for (let c = 0x3400; c <= 0x9fff; c++) if (String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c)) throw new Error(`U+${c.toString(16)}`);
  });
});
