import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parleyErrorOf } from '../../../test/support/parley-error.js';
import { vectorsGlossCommand } from './vectors.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'nlu', 'featurizers', 'fixtures');
const dictionary = join(FIXTURES, 'tiny-cedict.u8');
const vectors = join(FIXTURES, 'tiny-vectors.json');

// the binary cache of the fixture vectors goes to a directory of this run, not the shared temp dir
beforeAll(() => { process.env.PARLEY_VECTORS_CACHE = mkdtempSync(join(tmpdir(), 'parley-wv-cache-')); });

describe('parley vectors gloss', () => {
  it('writes the Chinese words most frequent first by jieba\'s counts, traditional forms (no count) after', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parley-gloss-')), 'zh.json');
    vectorsGlossCommand({ dictionary, vectors, out, quiet: true });
    const written = JSON.parse(readFileSync(out, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
    expect(written.dimensions).toBe(4);
    // jieba counts 天气 2,657, 你好 725, 下雨 481, 汉堡包 21, 披萨 2
    expect(written.words).toEqual(['天气', '你好', '下雨', '汉堡包', '披萨', '天氣', '披薩', '漢堡包']);
    expect(Object.keys(written.vectors).sort()).toEqual([...written.words].sort());
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('says which file is missing: the dictionary, or the English vectors', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parley-gloss-')), 'zh.json');
    expect(parleyErrorOf(() => vectorsGlossCommand({ dictionary: join(FIXTURES, 'no-such.u8'), vectors, out, quiet: true }))).toMatch(/^CONFIG_INVALID: cannot read the dictionary .*no-such\.u8/);
    expect(parleyErrorOf(() => vectorsGlossCommand({ dictionary, vectors: 'parley-no-such-vectors', out, quiet: true }))).toMatch(/^CONFIG_INVALID: the English vectors package "parley-no-such-vectors" is not installed/);
    expect(existsSync(out)).toBe(false);
  });
});
