import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { decodeInt32, encodeArray } from '../codec.js';
import { CrfModel, crfModelSchema, type CrfModelData } from './crf-model.js';
import { CrfStructure } from './crf-structure.js';
import { CrfWorkspace, forwardBackward, pathMarginals } from './forward-backward.js';
import { HashIndex } from './hash-index.js';
import { trainCrf, type CrfSentence } from './train-crf.js';

/** Every valid BILOU path of length n, by brute force. */
function validPaths(s: CrfStructure, n: number): number[][] {
  let paths: number[][] = Array.from({ length: s.tags }, (_, y) => [y]).filter(([y]) => s.starts[y as number]);
  for (let i = 1; i < n; i++) {
    paths = paths.flatMap((p) => Array.from({ length: s.tags }, (_, b) => [...p, b])).filter((p) => {
      const a = p[p.length - 2] as number;
      const b = p[p.length - 1] as number;
      if (s.ends[a]) return s.starts[b] === 1;
      // inside an entity: I or L of the same type
      return (b - 1) >> 2 === (a - 1) >> 2 && !s.starts[b];
    });
  }
  return paths.filter((p) => s.ends[p[p.length - 1] as number]);
}

function pathScore(s: CrfStructure, p: number[], emit: Float64Array, trans: Float32Array): number {
  const counts = new Float64Array(s.layout.size);
  s.addPathCounts(p, counts, 1);
  let score = p.reduce((sum, y, i) => sum + (emit[i * s.tags + y] as number), 0);
  counts.forEach((c, k) => { score += c * (trans[k] as number); });
  return score;
}

describe('BILOU CRF', () => {
  const s = new CrfStructure(2);
  const n = 4;
  const random = seededRandom(11);
  const emit = Float64Array.from({ length: n * s.tags }, () => random() * 4 - 2);
  const trans = Float32Array.from({ length: s.layout.size }, () => random() * 2 - 1);
  const paths = validPaths(s, n);
  const scores = paths.map((p) => pathScore(s, p, emit, trans));
  const logZ = Math.log(scores.reduce((sum, x) => sum + Math.exp(x), 0));

  it('forward-backward matches brute force: log Z, marginals and expected transition counts', () => {
    const expected = new Float64Array(s.layout.size);
    const lattice = forwardBackward(s, emit, n, Float64Array.from(trans, Math.exp), expected);
    expect(lattice.logZ).toBeCloseTo(logZ, 8);
    const marg = new Float64Array(n * s.tags);
    const counts = new Float64Array(s.layout.size);
    paths.forEach((p, k) => {
      const prob = Math.exp((scores[k] as number) - logZ);
      p.forEach((y, i) => { marg[i * s.tags + y] = (marg[i * s.tags + y] as number) + prob; });
      const c = new Float64Array(s.layout.size);
      s.addPathCounts(p, c, 1);
      c.forEach((v, j) => { counts[j] = (counts[j] as number) + prob * v; });
    });
    marg.forEach((m, k) => expect(lattice.marginals[k]).toBeCloseTo(m, 8));
    counts.forEach((c, k) => expect(expected[k]).toBeCloseTo(c, 8));
  });

  it('Viterbi finds the best valid path', () => {
    const best = paths[scores.indexOf(Math.max(...scores))];
    expect(Array.from(s.viterbi(emit, n, trans))).toEqual(best);
  });

  it('pathMarginals gives exactly forward-backward\'s marginal of each unit\'s tag on the path', () => {
    const path = s.viterbi(emit, n, trans);
    const expTrans = Float64Array.from(trans, Math.exp);
    const { marginals } = forwardBackward(s, emit, n, expTrans);
    const out = new Float64Array(n);
    pathMarginals(s, emit, n, expTrans, path, [{ first: 0, last: n - 1 }], new CrfWorkspace(), out);
    expect(Array.from(out)).toEqual(Array.from(path, (y, i) => marginals[i * s.tags + y]));
    // only the spans' units: the backward pass stops at the first of them, with the same numbers
    const later = new Float64Array(n);
    pathMarginals(s, emit, n, expTrans, path, [{ first: n - 1, last: n - 1 }, { first: 1, last: 1 }], new CrfWorkspace(), later);
    expect([later[0], later[1], later[n - 1]]).toEqual([0, out[1], out[n - 1]]);
  });
});

describe('HashIndex', () => {
  it('finds the row of every key, -1 for others, and the later row of a repeated key', () => {
    const keys = Int32Array.from({ length: 3000 }, (_, i) => (i * 2654435761) | 0);
    keys[2999] = keys[5] as number;
    const index = new HashIndex(keys);
    for (let r = 0; r < 2999; r++) if (r !== 5) expect(index.get(keys[r] as number)).toBe(r);
    expect(index.get(keys[5] as number)).toBe(2999);
    expect(index.get(123456789)).toBe(-1);
    expect(new HashIndex(new Int32Array(0)).get(0)).toBe(-1);
  });

  it('holds given values, negative ones included, and refuses -1', () => {
    const index = new HashIndex(Int32Array.of(7, -3, 11), Int32Array.of(-2, 0, 2147483646));
    expect([index.get(7), index.get(-3), index.get(11), index.get(8)]).toEqual([-2, 0, 2147483646, -1]);
    expect(() => new HashIndex(Int32Array.of(1), Int32Array.of(-1))).toThrow(RangeError);
  });
});

describe('CrfModel.restrict', () => {
  // 3 types (13 tags), 40 feature rows: dense ones (bias-like, every tag) and sparse ones
  const types = ['city', 'date', 'count'];
  const full = new CrfStructure(types.length);
  const rows = 40;
  const random = seededRandom(5);
  const emission = new Float32Array(rows * full.tags);
  for (let r = 0; r < rows; r++) {
    for (let y = 0; y < full.tags; y++) if (r < 4 || random() < 0.2) emission[r * full.tags + y] = random() * 4 - 2;
  }
  const trans = Float32Array.from({ length: full.layout.size }, () => random() * 2 - 1);
  const hashes = Int32Array.from({ length: rows }, (_, r) => r * 7919 + 1);
  const model = CrfModel.fromWeights(types, hashes, { emission, trans });

  /** The model a training with only `keep`'s weights would have saved. */
  function subModel(keep: number[]): CrfModel {
    const sub = new CrfStructure(keep.length);
    const tagOf = (j: number, k: number): number => 1 + 4 * (keep[j] as number) + k;
    const subEmission = new Float32Array(rows * sub.tags);
    for (let r = 0; r < rows; r++) {
      subEmission[r * sub.tags] = emission[r * full.tags] as number;
      keep.forEach((_, j) => { for (let k = 0; k < 4; k++) subEmission[r * sub.tags + 1 + 4 * j + k] = emission[r * full.tags + tagOf(j, k)] as number; });
    }
    const subTrans = new Float32Array(sub.layout.size);
    subTrans[sub.layout.out] = trans[full.layout.out] as number;
    subTrans[sub.layout.in] = trans[full.layout.in] as number;
    subTrans[sub.layout.adj] = trans[full.layout.adj] as number;
    keep.forEach((type, j) => {
      for (let k = 0; k < 4; k++) {
        subTrans[sub.layout.out + 1 + 4 * j + k] = trans[full.layout.out + tagOf(j, k)] as number;
        subTrans[sub.layout.in + 1 + 4 * j + k] = trans[full.layout.in + tagOf(j, k)] as number;
        subTrans[sub.inner(j, k)] = trans[full.inner(type, k)] as number;
      }
    });
    return CrfModel.fromWeights(keep.map((t) => types[t] as string), hashes, { emission: subEmission, trans: subTrans });
  }

  it('decodes exactly as a model holding only the kept types\' weights, the types named as in the model', () => {
    const sentences = Array.from({ length: 30 }, () => Array.from({ length: 1 + Math.floor(random() * 7) }, () =>
      Int32Array.from({ length: 6 }, () => (random() < 0.1 ? 99 : (hashes[Math.floor(random() * rows)] as number)))));
    for (const keep of [[0, 2], [1], [0, 1, 2]]) {
      const restricted = model.restrict(keep);
      const reference = subModel(keep);
      expect(restricted.types).toEqual(keep.map((t) => types[t]));
      for (const units of sentences) expect(restricted.decode(units)).toEqual(reference.decode(units));
    }
    // the spans a restricted decoder finds are of its types only, and some sentence has one
    const onlyDates = model.restrict([1]);
    const spans = sentences.flatMap((units) => onlyDates.decode(units));
    expect(spans.length).toBeGreaterThan(0);
    expect(new Set(spans.map((s) => s.type))).toEqual(new Set([0]));
  });
});

describe('CrfModel persistence', () => {
  const types = ['city', 'date'];
  const s = new CrfStructure(types.length);
  const random = seededRandom(9);
  const rows = 30;
  const emission = Float32Array.from({ length: rows * s.tags }, (_, k) => (k < 3 * s.tags || random() < 0.25 ? random() * 4 - 2 : 0));
  const trans = Float32Array.from({ length: s.layout.size }, () => random() * 2 - 1);
  const hashes = Int32Array.from({ length: rows }, (_, r) => r * 104729 + 3);
  const model = CrfModel.fromWeights(types, hashes, { emission, trans });
  const sentences = Array.from({ length: 20 }, () => Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
    Int32Array.from({ length: 5 }, () => hashes[Math.floor(random() * rows)] as number)));

  /** The data as archives before records held it: entries by row in three arrays. */
  function olderData(): CrfModelData {
    const d = model.toData();
    const records = decodeInt32(d.records ?? '', d.size ?? 0, 'records');
    const weights = new Float32Array(records.buffer, records.byteOffset, records.length);
    const rowStart = [0];
    const tags: number[] = [];
    const values: number[] = [];
    for (let at = 0; at < records.length;) {
      const count = records[at] as number;
      for (let e = at + 1; e < at + 1 + 2 * count; e += 2) { tags.push(records[e] as number); values.push(weights[e + 1] as number); }
      rowStart.push(tags.length);
      at += 1 + 2 * count;
    }
    return {
      types: d.types, hashes: d.hashes, rows: d.rows, trans: d.trans,
      rowStart: encodeArray(Int32Array.from(rowStart)), tags: encodeArray(Uint16Array.from(tags)), values: encodeArray(Float32Array.from(values)), entries: values.length,
    };
  }

  it('decodes the same after a round trip, and from the data of older archives', () => {
    const json = (d: CrfModelData): CrfModelData => crfModelSchema.parse(JSON.parse(JSON.stringify(d)));
    const reloaded = CrfModel.fromData(json(model.toData()));
    const older = CrfModel.fromData(json(olderData()));
    const decoded = sentences.map((units) => model.decode(units));
    expect(decoded.some((spans) => spans.length > 0)).toBe(true);
    expect(sentences.map((units) => reloaded.decode(units))).toEqual(decoded);
    expect(sentences.map((units) => older.decode(units))).toEqual(decoded);
    // an older archive is written back in the current form
    expect(older.toData()).toEqual(model.toData());
  });

  it('refuses records that do not match their rows, and data with neither form of weights', () => {
    const d = model.toData();
    const records = Int32Array.from(decodeInt32(d.records ?? '', d.size ?? 0, 'records'));
    const bad = (edit: (r: Int32Array) => Int32Array): CrfModelData => {
      const r = edit(Int32Array.from(records));
      return { ...d, records: encodeArray(r), size: r.length };
    };
    expect(() => CrfModel.fromData(bad((r) => r.subarray(0, r.length - 2)))).toThrow(/runs past its records|rows take/);
    expect(() => CrfModel.fromData(bad((r) => { r[1] = s.tags; return r; }))).toThrow(/has tag/);
    expect(() => CrfModel.fromData(bad((r) => Int32Array.from([...r, 0])))).toThrow(/rows take/);
    const { records: _r, size: _s, ...neither } = d;
    expect(crfModelSchema.safeParse(neither).success).toBe(false);
  });
});

describe('trainCrf early stopping', () => {
  // one type, one feature per unit: feature 1 marks a U-city unit, feature 0 an O unit
  const st = new CrfStructure(1);
  const sentence = (tags: number[]): CrfSentence => ({
    rows: Int32Array.from(tags, (t) => (t === 0 ? 0 : 1)), offsets: Int32Array.from({ length: tags.length + 1 }, (_, i) => i), tags: Int32Array.from(tags),
  });
  const sentences = [sentence([0, 4, 0]), sentence([4, 0]), sentence([0, 0, 4])];
  const train = (scores: number[]) => {
    let seen = 0;
    return trainCrf(st, 2, sentences, { epochs: 12, learningRate: 0.1, seed: 1, patience: 3, monitor: () => scores[seen++] ?? 0 });
  };

  it('keeps the later of equally good epochs, so a held-out slice perfect from the first epoch does not stop training there', () => {
    // before, the first epoch stayed best and training stopped after the fourth: a refit then ran one pass
    expect(train(Array<number>(12).fill(1)).bestEpoch).toBe(12);
    expect(train([0.5, 1, 1, 0.9, 0.9, 0.9, 0.9]).bestEpoch).toBe(3);
  });

  it('stops once the score has fallen below the best for `patience` epochs', () => {
    expect(train([0.5, 0.8, 0.7, 0.7, 0.7, 0.9]).bestEpoch).toBe(2);
  });
});
