import { describe, expect, it } from 'vitest';
import type { Entity } from '../../core/index.js';
import { resolveSameTypeOverlaps } from './entity-overlaps.js';

const e = (entity: string, start: number, end: number, extractor: string, confidence?: number): Entity =>
  ({ entity, value: `${start}-${end}`, start, end, extractor, ...(confidence === undefined ? {} : { confidence_entity: confidence }) });

describe('resolveSameTypeOverlaps', () => {
  it('keeps the longest of one type over the same words', () => {
    const regex = e('quantity', 1, 4, 'RegexEntityExtractor', 1);
    const diet = e('quantity', 2, 4, 'DIETClassifier', 0.99);
    const meal = e('meal', 4, 7, 'DIETClassifier', 0.98);
    expect(resolveSameTypeOverlaps([diet, meal, regex])).toEqual([meal, regex]);
  });

  it('prefers the more confident of two equal spans, then the first', () => {
    const a = e('phone', 0, 11, 'DIETClassifier', 0.7);
    const b = e('phone', 0, 11, 'RegexEntityExtractor', 1);
    expect(resolveSameTypeOverlaps([a, b])).toEqual([b]);
    const c = e('phone', 0, 11, 'X');
    const d = e('phone', 0, 11, 'Y');
    expect(resolveSameTypeOverlaps([c, d])).toEqual([c]);
  });

  it('keeps different types over the same words, adjacent spans, and entities without positions', () => {
    const quantity = e('quantity', 0, 2, 'DIETClassifier');
    const number = { ...e('number', 0, 1, 'SystemEntityExtractor', 1), value: 3 };
    const next = e('quantity', 2, 4, 'DIETClassifier');
    const loose: Entity = { entity: 'quantity', value: 2 };
    expect(resolveSameTypeOverlaps([quantity, number, next, loose])).toEqual([quantity, number, next, loose]);
  });

  it('gives the one kept over the very same words the role and group the other had, never over other words', () => {
    const regex = e('quantity', 2, 3, 'RegexEntityExtractor', 1);
    const diet: Entity = { ...e('quantity', 2, 3, 'DIETClassifier', 0.8), role: 'more', confidence_role: 0.9, group: '1', confidence_group: 0.7 };
    expect(resolveSameTypeOverlaps([diet, regex])).toEqual([{ ...regex, role: 'more', confidence_role: 0.9, group: '1', confidence_group: 0.7 }]);
    // a role of its own stays
    const fewer = { ...regex, role: 'fewer' };
    expect(resolveSameTypeOverlaps([diet, fewer])).toEqual([{ ...fewer, group: '1', confidence_group: 0.7 }]);
    // a shorter span's role does not move to a longer one over other words
    const longer = e('quantity', 1, 3, 'RegexEntityExtractor', 1);
    expect(resolveSameTypeOverlaps([diet, longer])).toEqual([longer]);
  });
});
