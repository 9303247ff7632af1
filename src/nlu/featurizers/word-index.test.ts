import { describe, expect, it } from 'vitest';
import { WordIndex } from './word-index.js';

describe('WordIndex', () => {
  it('finds each word\'s row and nothing else, astral and empty words included', () => {
    const words = ['pizza', 'é', '𠮷', '', 'pizzas', '火车'];
    const index = WordIndex.build(words);
    expect(index.size).toBe(6);
    words.forEach((w, r) => {
      expect(index.rowOf(w)).toBe(r);
      expect(index.word(r)).toBe(w);
    });
    expect(index.rowOf('pizz')).toBe(-1);
    expect(index.rowOf('Pizza')).toBe(-1);
    expect(index.rowOf('火')).toBe(-1);
  });

  it('finds the later row of a word given twice, as a Map would', () => {
    expect(WordIndex.build(['a', 'b', 'a']).rowOf('a')).toBe(2);
  });

  it('is rebuilt from its arrays, and refuses arrays that do not fit together', () => {
    const index = WordIndex.build(['one', 'two', 'three']);
    const copy = WordIndex.fromArrays(index.chars.slice(), index.starts.slice(), index.slots.slice());
    expect(copy?.rowOf('three')).toBe(2);
    expect(WordIndex.fromArrays(index.chars.subarray(1), index.starts, index.slots)).toBeUndefined();
    expect(WordIndex.fromArrays(index.chars, index.starts, index.slots.subarray(1))).toBeUndefined();
    const badSlot = index.slots.slice();
    badSlot[badSlot.findIndex((s) => s === 0)] = 9;
    expect(WordIndex.fromArrays(index.chars, index.starts, badSlot)).toBeUndefined();
    // a damaged table without an empty slot is refused rather than searched forever
    expect(WordIndex.fromArrays(index.chars, index.starts, new Int32Array(16).fill(1))).toBeUndefined();
  });
});
