import { describe, expect, it } from 'vitest';
import { stableHash } from '../../../util/stable-hash.js';
import { whitespaceTokens } from '../../../tokenizers/whitespace-tokenizer.js';
import { characterUnits } from './tag-tokens.js';
import { fastWordShape, unitFeatureHashes } from './unit-feature-hashes.js';
import { unitFeatures, wordShape, type UnitContext } from './unit-features.js';

const contexts: UnitContext[] = [
  { units: whitespaceTokens('Book a TABLE for 2 at 7pm in São Paulo, order AB123456-x'), matches: [], characters: false, intent: '' },
  { units: whitespaceTokens('play Ünïcödé músic by Ⅻ 😀 now'), matches: [{ name: 'artist', start: 19, end: 25, text: 'Ⅻ 😀' }], characters: false, intent: 'play_music' },
  { units: characterUnits('我要两份宫保鸡丁，送到tfboys的191号〇'), matches: [{ name: 'meal', start: 4, end: 8, text: '宫保鸡丁' }, { name: 'num', start: 2, end: 3, text: '两' }], characters: true, intent: 'order' },
  { units: characterUnits('a'), matches: [], characters: true, intent: 'x' },
  // units spelling the boundary markers are words like any other
  { units: whitespaceTokens('<s> a </s> A'), matches: [], characters: true, intent: 'x' },
  {
    units: whitespaceTokens('add iris dement to my list'), matches: [], characters: false, intent: 'add',
    gazetteer: [{ name: 'artist', start: 4, end: 15, text: 'iris dement' }, { name: 'owner', start: 19, end: 21, text: 'my' }],
  },
];

describe('unit feature hashes', () => {
  it('equal stableHash over the feature strings, in the same order (twice: with the units\' texts known the second time)', () => {
    for (const ctx of [...contexts, ...contexts]) {
      const fast = unitFeatureHashes(ctx).map((h) => Array.from(h));
      const slow = ctx.units.map((_, i) => unitFeatures(ctx, i).map(stableHash));
      expect(fast).toEqual(slow);
    }
  });

  it('computes the same word shapes', () => {
    for (const w of ['Hello', 'AAAbbb111', 'São', '宫保鸡丁', 'x😀😀😀y', 'Ⅻ〇', '---', 'İstanbul']) expect(fastWordShape(w)).toBe(wordShape(w));
  });
});
