import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCachedVectors, writeCachedVectors } from './word-vector-cache.js';
import { WordVectorTable } from './word-vector-table.js';

describe('word vector binary cache', () => {
  let dir: string;
  const saved = process.env.PARLEY_VECTORS_CACHE;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-wvc-'));
    process.env.PARLEY_VECTORS_CACHE = join(dir, 'cache');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.PARLEY_VECTORS_CACHE;
    else process.env.PARLEY_VECTORS_CACHE = saved;
  });

  function source(content: string): string {
    const file = join(dir, 'v.json');
    writeFileSync(file, content);
    return file;
  }

  it('gives back the same table and fingerprint, and misses once the source changes', () => {
    const file = source('{"dimensions":3,"vectors":{"é":[1,2,3],"b":[0.5,-1,0]}}');
    expect(readCachedVectors(file)).toBeUndefined();
    writeCachedVectors(file, { fingerprint: 'abc', table: WordVectorTable.fromRows(3, ['é', 'b'], Float32Array.from([1, 2, 3, 0.5, -1, 0])) });
    const cached = readCachedVectors(file);
    expect(cached?.fingerprint).toBe('abc');
    expect([...(cached?.table.get('é') ?? [])]).toEqual([1, 2, 3]);
    expect([...(cached?.table.get('b') ?? [])]).toEqual([0.5, -1, 0]);
    source('{"dimensions":3,"vectors":{"other":[1,2,3]}}   ');
    expect(readCachedVectors(file)).toBeUndefined();
  });

  it('ignores a damaged cache file', () => {
    const file = source('{"dimensions":1,"vectors":{"a":[1]}}');
    writeCachedVectors(file, { fingerprint: 'f', table: WordVectorTable.fromRows(1, ['a'], Float32Array.from([1])) });
    const [name] = readdirSync(join(dir, 'cache'));
    writeFileSync(join(dir, 'cache', name as string), 'PWV3garbage');
    expect(readCachedVectors(file)).toBeUndefined();
  });

  it('keeps every word of a large table findable, and refuses a cache cut short', () => {
    const words = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `词${i}` : `w${i.toString(36)}`));
    const data = Float32Array.from({ length: words.length * 2 }, (_, k) => k / 7);
    const file = source('{"dimensions":2,"vectors":{}}');
    writeCachedVectors(file, { fingerprint: 'big', table: WordVectorTable.fromRows(2, words, data) });
    const cached = readCachedVectors(file);
    expect(cached?.table.size).toBe(5000);
    for (const i of [0, 1, 2, 1234, 4999]) expect([...(cached?.table.get(words[i] as string) ?? [])]).toEqual([data[2 * i], data[2 * i + 1]]);
    expect(cached?.table.get('w')).toBeUndefined();
    const [name] = readdirSync(join(dir, 'cache'));
    const path = join(dir, 'cache', name as string);
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    expect(readCachedVectors(file)).toBeUndefined();
  });
});
