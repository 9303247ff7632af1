import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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
    writeFileSync(join(dir, 'cache', name as string), 'PWV1garbage');
    expect(readCachedVectors(file)).toBeUndefined();
  });
});
