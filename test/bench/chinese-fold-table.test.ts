import { describe, expect, it } from 'vitest';
import { foldPairs } from '../../bench/tools/chinese-fold-table.js';
import { FOLD_PAIRS } from '../../src/core/chinese-fold-table.js';

describe('bench/tools/chinese-fold-table.ts', () => {
  it('made the shipped table from the installed opencc-js (regenerate it after updating opencc-js)', () => {
    expect(FOLD_PAIRS).toBe(foldPairs());
  });

  it('folds traditional characters, and leaves simplified text\'s own (么, 著, 拚, 吒) though OpenCC folds them alone', () => {
    const folded = new Map<string, string>();
    for (let i = 0; i + 1 < FOLD_PAIRS.length; i += 2) folded.set(FOLD_PAIRS[i] as string, FOLD_PAIRS[i + 1] as string);
    expect([...'兩雞區後臺'].map((c) => folded.get(c))).toEqual([...'两鸡区后台']);
    expect([...'么著拚吒'].map((c) => folded.get(c))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
