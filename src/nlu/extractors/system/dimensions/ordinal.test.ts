import { describe, expect, it } from 'vitest';
import { view } from '../testing.js';
import { extractOrdinals } from './ordinal.js';

describe('ordinal dimension', () => {
  it.each<[string, [string, unknown][]]>([
    ['第三个', [['第三', 3]]],
    ['第3排', [['第3', 3]]],
    ['第二十一名', [['第二十一', 21]]],
    ['第一次', [['第一', 1]]],
    ['the third one', [['third', 3]]],
    ['twenty-first floor', [['twenty-first', 21]]],
    ['my 2nd order', [['2nd', 2]]],
    ['the 23rd', [['23rd', 23]]],
    ['first come', [['first', 1]]],
    ['三个', []],
  ])('%s', (text, expected) => {
    expect(view(text, extractOrdinals(text))).toEqual(expected);
  });
});
