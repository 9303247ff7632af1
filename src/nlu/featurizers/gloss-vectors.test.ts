import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parleyErrorOf } from '../../../test/support/parley-error.js';
import { buildGlossVectors, glossVectorsJson, glossWords, parseGlossDictionary } from './gloss-vectors.js';
import { WordVectorTable } from './word-vector-table.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const english = WordVectorTable.fromJson(JSON.parse(readFileSync(join(FIXTURES, 'tiny-vectors.json'), 'utf8')), 'tiny-vectors.json');
const cedictText = readFileSync(join(FIXTURES, 'tiny-cedict.u8'), 'utf8');

const cosine = (a: Float32Array, b: Float32Array): number => {
  let dot = 0, na = 0, nb = 0;
  a.forEach((x, i) => { const y = b[i] as number; dot += x * y; na += x * x; nb += y * y; });
  return dot / Math.sqrt(na * nb);
};

describe('glossed word vectors', () => {
  it('reads the content words of a sense, not pinyin, measure words, variants or surnames', () => {
    expect(glossWords('(railway) train')).toEqual(['railway', 'train']);
    expect(glossWords('to pay attention to sb\'s needs')).toEqual(['pay', 'attention', 'needs']);
    expect(glossWords('abbr. for 北京[Bei3 jing1], Beijing')).toEqual(['beijing']);
    expect(glossWords('CL:列[lie4],節|节[jie2]')).toEqual([]);
    expect(glossWords('variant of 吃[chi1]')).toEqual([]);
    expect(glossWords('surname Wan')).toEqual([]);
    expect(glossWords('he or him')).toEqual([]);
  });

  it('reads the CC-CEDICT text release and the JSON array alike', () => {
    const fromText = parseGlossDictionary(cedictText, 'tiny-cedict.u8');
    expect(fromText).toHaveLength(11);
    expect(fromText[0]).toEqual({ traditional: '火車', simplified: '火车', english: ['train', 'CL:列[lie4],節|节[jie2]'] });
    expect(parseGlossDictionary(JSON.stringify(fromText), 'x.json')).toEqual(fromText);
  });

  it('names the file and line of a line that is not CC-CEDICT, and the entry of bad JSON', () => {
    expect(parleyErrorOf(() => parseGlossDictionary('火車 火车 [huo3 che1] /train/\nnot a dictionary line\n', 'd.u8'))).toMatch(/^CONFIG_INVALID: d\.u8:2: not a CC-CEDICT line/);
    expect(parleyErrorOf(() => parseGlossDictionary('[{"simplified":"火车"}]', 'd.json'))).toMatch(/^CONFIG_INVALID: d\.json: entry 0 is not/);
    expect(parleyErrorOf(() => parseGlossDictionary('[{', 'd.json'))).toMatch(/^CONFIG_INVALID: d\.json is not valid JSON/);
  });

  it('puts words with the same meaning together, under both written forms', () => {
    const built = buildGlossVectors(parseGlossDictionary(cedictText, 'tiny'), english);
    const table = WordVectorTable.fromRows(built.dimensions, built.words, built.data);
    // "train" is not among the tiny English vectors: the two train words have no content word with a vector
    expect(table.get('火车')).toBeUndefined();
    const rain = table.get('下雨') as Float32Array;
    const weather = table.get('天气') as Float32Array;
    const pizza = table.get('披萨') as Float32Array;
    expect(cosine(rain, weather)).toBeGreaterThan(0.8);
    expect(cosine(rain, pizza)).toBeLessThan(0.1);
    // the traditional form has the same vector; a word with only a pronoun, a surname or a variant gets none
    expect(Array.from(table.get('漢堡包') as Float32Array)).toEqual(Array.from(table.get('汉堡包') as Float32Array));
    expect(table.get('他')).toBeUndefined();
    expect(table.get('喫')).toBeUndefined();
    // unit length
    expect(cosine(pizza, pizza)).toBeCloseTo(1, 6);
    expect(pizza.reduce((n, x) => n + x * x, 0)).toBeCloseTo(1, 5);
  });

  it('weights the first sense most: hamburger ("hamburger", then "burger") leans to burger, the only one known', () => {
    const entries = [{ traditional: 'x', simplified: 'x', english: ['rain', 'pizza'] }, { traditional: 'y', simplified: 'y', english: ['pizza', 'rain'] }];
    const built = buildGlossVectors(entries, english);
    const table = WordVectorTable.fromRows(built.dimensions, built.words, built.data);
    const rain = english.get('rain') as Float32Array;
    const pizza = english.get('pizza') as Float32Array;
    expect(cosine(table.get('x') as Float32Array, rain)).toBeGreaterThan(cosine(table.get('x') as Float32Array, pizza));
    expect(cosine(table.get('y') as Float32Array, pizza)).toBeGreaterThan(cosine(table.get('y') as Float32Array, rain));
  });

  it('lists words most frequent first by the frequencies given (as vectors files are), and writes that order', () => {
    const entries = parseGlossDictionary(cedictText, 'tiny');
    const alphabetical = buildGlossVectors(entries, english);
    expect(alphabetical.words).toEqual([...alphabetical.words].sort());
    const built = buildGlossVectors(entries, english, new Map([['天气', 900], ['下雨', 50], ['披萨', 900]]));
    expect(built.words.slice(0, 3)).toEqual(['天气', '披萨', '下雨']);
    expect(built.words.slice(3)).toEqual(alphabetical.words.filter((w) => !['天气', '披萨', '下雨'].includes(w)));
    const read = WordVectorTable.fromJson(JSON.parse(glossVectorsJson(built)), 'out.json');
    expect(read.keep([], 1).get('天气')).toBeDefined();
    expect(read.keep([], 1).get('披萨')).toBeUndefined();
  });

  it('writes a file the WordVectorFeaturizer reads', () => {
    const built = buildGlossVectors(parseGlossDictionary(cedictText, 'tiny'), english);
    const read = WordVectorTable.fromJson(JSON.parse(glossVectorsJson(built)), 'out.json');
    expect(read.size).toBe(built.words.length);
    const again = read.get('天气') as Float32Array;
    const built天气 = built.data.subarray(built.words.indexOf('天气') * built.dimensions, (built.words.indexOf('天气') + 1) * built.dimensions);
    again.forEach((x, d) => expect(x).toBeCloseTo(built天气[d] as number, 4));
  });
});
