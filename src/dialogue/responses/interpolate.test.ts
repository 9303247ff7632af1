import { describe, expect, it } from 'vitest';
import { interpolate, interpolateText } from './interpolate.js';

describe('interpolateText', () => {
  it('fills {slot} placeholders from values', () => {
    expect(interpolateText('要几份{meal}?', { meal: '宫保鸡丁' })).toBe('要几份宫保鸡丁?');
  });

  it('renders values the way Python str() does', () => {
    expect(interpolateText('{a}|{b}|{c}|{d}', { a: null, b: true, c: 3, d: ['x'] })).toBe('None|True|3|["x"]');
  });

  it('returns the template unchanged when one key is unknown', () => {
    expect(interpolateText('Hi {name}, {unknown}', { name: 'Sara' })).toBe('Hi {name}, {unknown}');
  });

  it('treats {{x}} as an escaped literal {x}', () => {
    expect(interpolateText('{{x}} and {x}', { x: 1 })).toBe('{x} and 1');
  });
});

describe('interpolate', () => {
  it('walks objects and lists recursively, leaving non-strings alone', () => {
    const out = interpolate({ buttons: [{ title: '{meal}', payload: '/inform{{"meal": "{meal}"}}', n: 1 }] }, { meal: 'noodles' });
    expect(out).toEqual({ buttons: [{ title: 'noodles', payload: '/inform{"meal": "noodles"}', n: 1 }] });
  });
});
