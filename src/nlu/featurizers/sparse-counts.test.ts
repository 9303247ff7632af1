import { describe, expect, it } from 'vitest';
import { SparseCounts } from './sparse-counts.js';

describe('SparseCounts', () => {
  it('reads like the Map of the same entries, in their order', () => {
    const entries: [number, number][] = [[40, 2], [3, 1], [17, 5]];
    const counts = new SparseCounts(entries.map(([i]) => i), entries.map(([, v]) => v));
    const map = new Map(entries);
    expect(counts.size).toBe(map.size);
    expect([...counts]).toEqual([...map]);
    expect([...counts.keys()]).toEqual([...map.keys()]);
    const seen: [number, number][] = [];
    counts.forEach((v, i) => seen.push([i, v]));
    expect(seen).toEqual(entries);
    expect([counts.get(3), counts.get(17), counts.get(4)]).toEqual([1, 5, undefined]);
    expect(new SparseCounts([], []).size).toBe(0);
  });
});
