// bench/nlu's noisy test copies: deterministic, mostly changed, and still the same request.
import { describe, expect, it } from 'vitest';
import { noisyUtterance } from '../../bench/nlu/noise.js';

const EN = ['what is the weather like in boston tomorrow', 'play the latest album by taylor swift', 'book a table for four at an italian restaurant', 'how much money do i have in my checking account', 'set an alarm for seven in the morning'];
const ZH = ['我想听周杰伦的歌', '明天北京的天气怎么样', '帮我订一张去上海的火车票', '给我讲个笑话吧', '打开导航去最近的加油站'];

describe('noisyUtterance', () => {
  it('gives the same text for the same position and seed, whoever asks', () => {
    for (const [i, t] of EN.entries()) expect(noisyUtterance(t, 'en', i)).toBe(noisyUtterance(t, 'en', i));
    expect(EN.map((t, i) => noisyUtterance(t, 'en', i, 7))).not.toEqual(EN.map((t, i) => noisyUtterance(t, 'en', i, 42)));
  });

  it('changes most English utterances by a filler, a dropped little word, one typo or stray punctuation, never more', () => {
    const texts = Array.from({ length: 200 }, (_, i) => EN[i % EN.length] as string);
    const noisy = texts.map((t, i) => noisyUtterance(t, 'en', i));
    expect(noisy.filter((n, i) => n !== texts[i]).length).toBeGreaterThan(160);
    for (const [i, n] of noisy.entries()) {
      const before = new Set((texts[i] as string).split(' '));
      // at most: one filler (two words for "ok so"), one typo'd word, one stray punctuation mark
      expect(n.split(' ').filter((w) => !before.has(w)).length).toBeLessThanOrEqual(4);
    }
  });

  it('adds Chinese fillers and particles and drops little words, keeping the content characters', () => {
    const noisy = ZH.map((t, i) => noisyUtterance(t, 'zh', i));
    expect(noisy.filter((n, i) => n !== ZH[i]).length).toBeGreaterThanOrEqual(3);
    for (const [i, n] of noisy.entries()) {
      const kept = [...(ZH[i] as string)].filter((c) => n.includes(c)).length;
      expect(kept).toBeGreaterThanOrEqual((ZH[i] as string).length - 2);
    }
  });

  it('never returns an empty text', () => {
    expect(noisyUtterance('the', 'en', 0)).not.toBe('');
    expect(noisyUtterance('的', 'zh', 0)).not.toBe('');
  });
});
