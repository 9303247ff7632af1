import { describe, expect, it } from 'vitest';
import { characterUnits } from './tag-tokens.js';
import { trimPunctuation } from './span-edges.js';

describe('trimPunctuation', () => {
  const text = '“朝阳区建国路88号A座1801，”谢谢';
  const units = characterUnits(text);
  const spanText = (edges: [number, number] | undefined): string | undefined =>
    edges && text.slice(units[edges[0]]!.start, units[edges[1]]!.end);

  it('drops punctuation units at both edges of a span', () => {
    expect(spanText(trimPunctuation(units, 0, units.length - 3))).toBe('朝阳区建国路88号A座1801');
  });

  it('keeps punctuation inside a span and leaves a clean span alone', () => {
    const dash = characterUnits('021-6432');
    expect(trimPunctuation(dash, 0, dash.length - 1)).toEqual([0, dash.length - 1]);
    expect(trimPunctuation(units, 1, 3)).toEqual([1, 3]);
  });

  it('keeps symbols that belong to a value', () => {
    const plus = characterUnits('+86 139');
    expect(trimPunctuation(plus, 0, plus.length - 1)).toEqual([0, plus.length - 1]);
  });

  it('returns undefined when the span is punctuation only', () => {
    expect(trimPunctuation(units, units.length - 3, units.length - 3)).toBeUndefined();
  });
});
