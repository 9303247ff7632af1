import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type NluExample, type NluTrainingData } from './core/index.js';
import { POLICIES_FORMAT } from './dialogue/policies/index.js';
import { isParleyError } from './errors.js';
import { loadModel } from './loaded-model.js';
import { MODEL_FORMAT_VERSION, readModelArchive, writeModelArchive, type ModelArchive } from './model-archive.js';
import { trainNlu } from './nlu/index.js';
import { PackedArray } from './nlu/nlu-model-data.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'parley-archive-'));

function archiveWith(nlu: unknown, language = 'en'): ModelArchive {
  return {
    format_version: MODEL_FORMAT_VERSION, parley_version: 'test', trained_at: '2026-01-02T03:04:05.000Z', fingerprint: 'f'.repeat(32),
    model_id: 'm', language, domain: emptyDomain(), config: { language, pipeline: [], policies: [] },
    nlu, policies: { format: POLICIES_FORMAT, policies: [], warnings: [] },
  };
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isParleyError(err)) throw new Error(`expected a ParleyError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('model archive file', () => {
  const packed = {
    f32: new PackedArray(Float32Array.from([1.5, -2.25, 3])),
    nested: [{ i32: new PackedArray(Int32Array.from([-7, 8, 2 ** 30])) }, 'text', 3],
    u16: new PackedArray(Uint16Array.from([1, 65535, 2])), // 6 bytes: the next section must be realigned
    i8: new PackedArray(Int8Array.from([-128, 0, 127])),
    vocabulary: ['a', 'b c'],
  };

  it('reads typed arrays back as views on the file, aligned, with their values', async () => {
    const path = await writeModelArchive(dir(), archiveWith(packed), { fixedName: 'm' });
    const nlu = (await readModelArchive(path)).nlu as typeof packed;
    expect(nlu.f32).toBeInstanceOf(PackedArray);
    expect([...nlu.f32.values]).toEqual([1.5, -2.25, 3]);
    expect(nlu.f32.values).toBeInstanceOf(Float32Array);
    const i32 = (nlu.nested[0] as { i32: PackedArray }).i32;
    expect(i32.values).toBeInstanceOf(Int32Array);
    expect([...i32.values]).toEqual([-7, 8, 2 ** 30]);
    expect([...nlu.u16.values]).toEqual([1, 65535, 2]);
    expect([...nlu.i8.values]).toEqual([-128, 0, 127]);
    expect(nlu.nested.slice(1)).toEqual(['text', 3]);
    expect(nlu.vocabulary).toEqual(['a', 'b c']);
    // no copies: every section is a view on the one buffer the file was read into
    expect(nlu.i8.values.buffer).toBe(nlu.f32.values.buffer);
    expect(i32.values.byteOffset % 4).toBe(0);
  });

  it('serialises to the same JSON as before it was written (base64 typed arrays)', async () => {
    const path = await writeModelArchive(dir(), archiveWith(packed), { fixedName: 'm' });
    expect(JSON.stringify((await readModelArchive(path)).nlu)).toBe(JSON.stringify(packed));
    expect(JSON.parse(JSON.stringify(packed.f32))).toBe(Buffer.from(Float32Array.from([1.5, -2.25, 3]).buffer).toString('base64'));
  });

  it('asks for a retrain when given a format 1 archive (one gzipped JSON)', async () => {
    const path = join(dir(), 'old.parley.gz');
    writeFileSync(path, gzipSync(JSON.stringify({ ...archiveWith({}), format_version: 1 })));
    const err = await rejection(readModelArchive(path));
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toMatch(/model format 1, this Parley reads 2: retrain with `parley train`/);
  });

  it('writes the header as plain JSON and still reads archives whose header is gzipped', async () => {
    const d = dir();
    const bytes = readFileSync(await writeModelArchive(d, archiveWith(packed), { fixedName: 'm' }));
    const length = bytes.readUInt32LE(8);
    expect(String.fromCharCode(bytes[16] as number)).toBe('{');
    // the same archive with its header gzipped, sections moved to the next 8-byte boundary after it
    const gz = gzipSync(bytes.subarray(16, 16 + length));
    const [from, to] = [Math.ceil((16 + length) / 8) * 8, Math.ceil((16 + gz.byteLength) / 8) * 8];
    const old = Buffer.alloc(to + bytes.byteLength - from);
    bytes.copy(old, 0, 0, 16);
    old.writeUInt32LE(gz.byteLength, 8);
    gz.copy(old, 16);
    bytes.copy(old, to, from);
    writeFileSync(join(d, 'gz.parley.gz'), old);
    expect(JSON.stringify((await readModelArchive(join(d, 'gz.parley.gz'))).nlu)).toBe(JSON.stringify(packed));
  });

  it('writes long string lists as text sections and reads them back as the same strings', async () => {
    const words = Array.from({ length: 300 }, (_, i) => (i === 0 ? '' : `w${i} 词 😀 é`));
    const value = { words, odd: [...words.slice(1), 'a\u0000b'], lone: [...words.slice(1), '\ud800'], short: ['x', 'y'] };
    const path = await writeModelArchive(dir(), archiveWith(value), { fixedName: 'm' });
    const bytes = readFileSync(path);
    const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(8)).toString('utf8')) as { value: { nlu: Record<string, unknown> }; sections: { path: unknown[]; kind: string }[] };
    // only the list every string of which survives UTF-8 and the separator is a section
    expect(header.sections.filter((s) => s.kind === 'text').map((s) => s.path)).toEqual([['nlu', 'words']]);
    expect(header.value.nlu.short).toEqual(['x', 'y']);
    expect((await readModelArchive(path)).nlu).toEqual(value);
  });

  it('rejects a text section whose count of strings does not match its entry', async () => {
    const d = dir();
    const bytes = readFileSync(await writeModelArchive(d, archiveWith({ words: Array.from({ length: 300 }, (_, i) => `w${i}`) }), { fixedName: 'm' }));
    const length = bytes.readUInt32LE(8);
    const text = bytes.subarray(16, 16 + length).toString('utf8').replace('"length":300', '"length":301');
    const changed = Buffer.concat([bytes.subarray(0, 16), Buffer.from(text), bytes.subarray(16 + length)]);
    writeFileSync(join(d, 'count.parley.gz'), changed);
    expect(await rejection(readModelArchive(join(d, 'count.parley.gz')))).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/holds 300 strings, not 301/) as unknown });
  });

  it('rejects garbage, a truncated archive and a missing file with clear errors', async () => {
    const d = dir();
    writeFileSync(join(d, 'junk.parley.gz'), 'not a model');
    expect((await rejection(readModelArchive(join(d, 'junk.parley.gz')))).message).toMatch(/is not a Parley model archive/);
    const path = await writeModelArchive(d, archiveWith(packed), { fixedName: 'm' });
    const bytes = readFileSync(path);
    writeFileSync(join(d, 'cut.parley.gz'), bytes.subarray(0, bytes.byteLength - 1));
    expect(await rejection(readModelArchive(join(d, 'cut.parley.gz')))).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/outside the archive/) as unknown });
    writeFileSync(join(d, 'header.parley.gz'), bytes.subarray(0, 20));
    expect((await rejection(readModelArchive(join(d, 'header.parley.gz')))).message).toMatch(/not a readable Parley model archive/);
    expect((await rejection(readModelArchive(join(d, 'none.parley.gz')))).code).toBe('MODEL_NOT_FOUND');
  });
});

const ex = (intent: string, texts: string[]): NluExample[] => texts.map((text) => ({ text, intent, entities: [] }));
const DATA: NluTrainingData = {
  ...emptyNluData(),
  examples: [
    ...ex('greet', ['hello', 'hi there', 'hey', 'good morning', 'hello friend', 'hi']),
    ...ex('goodbye', ['bye', 'goodbye', 'see you later', 'bye bye', 'see you soon', 'cya']),
    ...ex('order', ['i want a pizza', 'order a burger', 'get me some sushi', 'one burger please', 'order noodles', 'i am hungry']),
  ],
};

describe('a trained model through its archive', () => {
  it('parses exactly as the model it was written from', async () => {
    const pipeline = [{ name: 'WhitespaceTokenizer' }, { name: 'CountVectorsFeaturizer' }, { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 3 }, { name: 'DIETClassifier', epochs: 5 }];
    const trained = await trainNlu({ language: 'en', pipeline, policies: [] }, DATA, emptyDomain(), { seed: 1 });
    const path = await writeModelArchive(dir(), archiveWith(trained.persist()), { fixedName: 'm' });
    const loaded = await loadModel(path);
    for (const text of ['hello there', 'order me a pizza', 'bye now', 'something else entirely']) {
      expect(await loaded.nlu.parse(text)).toEqual(await trained.parse(text));
    }
    // the same state (loading reorders keys to the schema's order)
    expect(JSON.parse(JSON.stringify(loaded.nlu.persist()))).toEqual(JSON.parse(JSON.stringify(trained.persist())));
  });
});
