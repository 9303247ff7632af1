import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type ComponentConfig, type NluTrainingData } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import { decodeArchiveFile, encodeArchiveFile } from '../../model-archive-file.js';
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { loadNlu, trainNlu } from '../index.js';
import { defaultPipeline } from '../pipeline/default-pipeline.js';
import { createMessage } from '../pipeline/message.js';
import { whitespaceTokens } from '../tokenizers/whitespace-tokenizer.js';
import { wordVectorFeaturizerSpec } from './word-vector-featurizer.js';
import { WordVectorTable } from './word-vector-table.js';

const TINY = join(import.meta.dirname, 'fixtures', 'tiny-vectors.json');
const env = (state?: unknown) => ({ key: 'wv', name: 'WordVectorFeaturizer', language: 'en', domain: emptyDomain(), state });
const create = (options: Record<string, unknown>, state?: unknown) =>
  wordVectorFeaturizerSpec.create(wordVectorFeaturizerSpec.parseOptions(options, 'WordVectorFeaturizer'), env(state)) as TrainableNluComponent;

const CTX: TrainingContext = { data: emptyNluData(), domain: emptyDomain(), language: 'en', seed: 1 };

function message(text: string): Message {
  const m = createMessage(text);
  m.tokens = whitespaceTokens(text);
  return m;
}

function features(f: TrainableNluComponent, text: string): number[] {
  const m: Message = createMessage(text);
  m.tokens = whitespaceTokens(text);
  void f.process(m);
  const set = m.sparse.get('wv') ?? new Map<number, number>();
  return [0, 1, 2, 3].map((d) => set.get(d) ?? 0);
}

async function errorOf(f: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await f();
  } catch (error) {
    if (isParleyError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('no error');
}

// the binary cache of the fixtures goes to a directory of this run, not the shared temp dir
beforeAll(() => { process.env.PARLEY_VECTORS_CACHE = mkdtempSync(join(tmpdir(), 'parley-wv-cache-')); });

describe('WordVectorFeaturizer', () => {
  it('averages the vectors of the known words, lowercased, skipping unknown words', () => {
    const f = create({ vectors: TINY });
    expect(features(f, 'Pizza or RAIN?')).toEqual([0.5, 0.5, 0, 0]);
    expect(features(f, 'burger')).toEqual([0.800000011920929, 0.20000000298023224, 0, 0]);
    expect(features(f, 'nothing known here')).toEqual([0, 0, 0, 0]);
  });

  it('gives its set a weight next to the n-gram sets (default 2)', () => {
    const weightOf = (options: Record<string, unknown>) => {
      const m = createMessage('pizza');
      m.tokens = whitespaceTokens('pizza');
      void create(options).process(m);
      return m.sparseWeights?.get('wv');
    };
    expect(weightOf({ vectors: TINY })).toBe(2);
    expect(weightOf({ vectors: TINY, weight: 0.5 })).toBe(0.5);
    expect(weightOf({ vectors: TINY, weight: 1 })).toBeUndefined();
  });

  it('reads an unknown word as its longest known pieces with split_unknown (for Chinese compounds)', () => {
    const zh = join(import.meta.dirname, 'fixtures', 'tiny-zh-vectors.json');
    // 湖南卫视 is not in the table: 湖南 + 卫视; 湖光 falls back to the one known character 湖; 天气 is known
    expect(features(create({ vectors: zh, split_unknown: true }), '湖南卫视 天气')).toEqual([1 / 3, 1 / 3, 1 / 3, 0]);
    expect(features(create({ vectors: zh, split_unknown: true }), '湖光')).toEqual([0, 0, 0, 1]);
    // pieces are code points: 𠮷 (outside the BMP) is one character, found whole
    expect(features(create({ vectors: zh, split_unknown: true }), '𠮷湖南')).toEqual([1, 0.5, 0, 0]);
    // off (the default): the unknown word is skipped
    expect(features(create({ vectors: zh }), '湖南卫视 天气')).toEqual([0, 0, 1, 0]);
    expect(features(create({ vectors: zh }), '湖光')).toEqual([0, 0, 0, 0]);
  });

  it('keeps the training words and the first keep_words words at int8, and needs no vectors file once trained', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-wv-'));
    const file = join(dir, 'vectors.json');
    copyFileSync(TINY, file);
    const f = create({ vectors: file, keep_words: 2 });
    f.train(CTX, [message('Rain today')]);
    // the training messages are featurized from the kept part, as parses will be
    expect(features(f, 'weather')).toEqual([0, 0, 0, 0]);
    const state = JSON.parse(JSON.stringify(f.persist())) as { vectors: string; fingerprint: string; dimensions: number; table: object };
    expect(state).toMatchObject({ vectors: file, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), dimensions: 4 });
    rmSync(file);
    const loaded = create({ vectors: file }, state);
    // kept: pizza and burger (the file's first two words) and rain (a training word); weather, hello are not
    const close = (actual: number[], expected: number[]) => expected.forEach((x, d) => expect(actual[d]).toBeCloseTo(x, 2));
    close(features(loaded, 'rain'), [0, 1, 0, 0]);
    close(features(loaded, 'pizza burger'), [0.9, 0.1, 0, 0]);
    expect(features(loaded, 'weather hello')).toEqual([0, 0, 0, 0]);
    expect(features(create({ vectors: file, keep_words: 0 }, state), 'pizza')).toEqual(features(loaded, 'pizza'));
  });

  it('keeps an empty table when no training word is known and keep_words is 0, and loads it', () => {
    const f = create({ vectors: TINY, keep_words: 0 });
    f.train(CTX, [message('nothing known here')]);
    const loaded = create({ vectors: TINY }, JSON.parse(JSON.stringify(f.persist())));
    expect(features(loaded, 'pizza nothing')).toEqual([0, 0, 0, 0]);
  });

  it('refuses a model whose kept vectors do not fit together', async () => {
    const f = create({ vectors: TINY, keep_words: 3 });
    f.train(CTX, [message('rain')]);
    const state = JSON.parse(JSON.stringify(f.persist())) as { table: { rows: { rows: number }; words: { slotCount: number } } };
    const rows = await errorOf(() => create({ vectors: TINY }, { ...state, table: { ...state.table, rows: { ...state.table.rows, rows: 9 } } }));
    expect(rows.code).toBe('MODEL_INVALID');
    const slots = await errorOf(() => create({ vectors: TINY }, { ...state, table: { ...state.table, words: { ...state.table.words, slotCount: 8 } } }));
    expect(slots.code).toBe('MODEL_INVALID');
  });

  it('keeps the known pieces of a training word with split_unknown', () => {
    const zh = join(import.meta.dirname, 'fixtures', 'tiny-zh-vectors.json');
    const f = create({ vectors: zh, split_unknown: true, keep_words: 0 });
    f.train(CTX, [message('湖南卫视')]);
    const loaded = create({ vectors: zh, split_unknown: true }, JSON.parse(JSON.stringify(f.persist())));
    const [a, b, c, d] = features(loaded, '湖南卫视');
    expect([a, b, c, d].map((x) => Math.round((x as number) * 100) / 100)).toEqual([0.5, 0.5, 0, 0]);
    expect(features(loaded, '天气')).toEqual([0, 0, 0, 0]);
  });

  it('reads a file\'s words in its `words` order (most frequent first), not in the object\'s', () => {
    const raw = { dimensions: 2, words: ['b', '2019', 'a'], vectors: { a: [1, 0], 2019: [0, 1], b: [1, 1] } };
    const first = WordVectorTable.fromJson(raw, 'x.json').keep([], 1);
    expect(first.size).toBe(1);
    expect(first.get('b')).toBeDefined();
    // without the list, the object's order: JavaScript puts the integer-like key first
    expect(WordVectorTable.fromJson({ ...raw, words: undefined }, 'x.json').keep([], 1).get('2019')).toBeDefined();
  });

  it('loads a model of an earlier Parley (the fingerprint only) where the same vectors are installed, and refuses other or missing vectors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-wv-'));
    const file = join(dir, 'vectors.json');
    copyFileSync(TINY, file);
    const state = { vectors: file, fingerprint: createHash('sha256').update(readFileSync(file)).digest('hex'), dimensions: 4 };
    expect(features(create({ vectors: TINY }, state), 'hello pizza')).toEqual([0.5, 0, 0, 0.5]);
    const other = join(dir, 'other.json');
    writeFileSync(other, readFileSync(TINY, 'utf8').replace('"pizza":[1,', '"pizza":[0.9,'));
    const changed = await errorOf(() => create({}, { ...state, vectors: other }));
    expect(changed.code).toBe('MODEL_INVALID');
    expect(changed.message).toContain('other word vectors');
    const gone = await errorOf(() => create({}, { ...state, vectors: 'parley-no-such-vectors-package' }));
    expect(gone).toMatchObject({ code: 'MODEL_INVALID' });
    expect(gone.message).toContain('npm install parley-no-such-vectors-package');
  });

  it('names the package to install when the configured vectors are not installed', async () => {
    const e = await errorOf(() => create({ vectors: 'parley-no-such-vectors-package' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('npm install parley-no-such-vectors-package');
    expect((await errorOf(() => create({ vectors: TINY, scale: 2 }))).code).toBe('CONFIG_INVALID');
  });
});

describe('WordVectorFeaturizer in a pipeline', () => {
  const data: NluTrainingData = {
    ...emptyNluData(),
    examples: [
      ...['order a pizza', 'a burger please', 'pizza now', 'i want a burger', 'order food'].map((text) => ({ text, intent: 'order', entities: [] })),
      ...['will it rain', 'weather today', 'is it sunny', 'rain tomorrow', 'what weather'].map((text) => ({ text, intent: 'weather', entities: [] })),
    ],
  };
  const pipeline: ComponentConfig[] = [
    { name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' },
    { name: 'WordVectorFeaturizer', vectors: TINY }, { name: 'DIETClassifier', epochs: 30 },
  ];

  it('trains, persists its part of the vectors and loads to the same parses where the vectors are not installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-wv-'));
    const file = join(dir, 'vectors.json');
    copyFileSync(TINY, file);
    const withFile = pipeline.map((c) => (c.name === 'WordVectorFeaturizer' ? { ...c, vectors: file } : c));
    const model = await trainNlu({ language: 'en', pipeline: withFile, policies: [] }, data, emptyDomain(), { seed: 1 });
    const persisted = JSON.parse(JSON.stringify(model.persist())) as ReturnType<typeof model.persist>;
    // as a model archive stores it too: the kept table's arrays as binary sections
    const archived = decodeArchiveFile(encodeArchiveFile(model.persist()), 'test archive') as ReturnType<typeof model.persist>;
    rmSync(file);
    const loaded = loadNlu(persisted, emptyDomain());
    const fromArchive = loadNlu(archived, emptyDomain());
    // "burger" and "sunny" are seen in training; the vectors carry "rain" over to unseen phrasing too
    for (const text of ['a burger', 'sunny weather', 'rain', 'zebra']) {
      const expected = await model.parse(text);
      expect((await loaded.parse(text)).intent).toEqual(expected.intent);
      expect((await fromArchive.parse(text)).intent).toEqual(expected.intent);
    }
  });

  it('is not part of the default pipeline', () => {
    expect(JSON.stringify(defaultPipeline('en'))).not.toContain('WordVectorFeaturizer');
  });
});
