// A trained CRF for inference: emission weights as pruned sparse rows keyed by feature hash
// (small archives, fast loading), transitions, Viterbi decoding and per-span confidences. The
// weights are held once (CrfRows); a CrfDecoder decodes over all the tags or, for the messages of
// an intent, over the tags of that intent's entity types only.
import { z } from 'zod';
import { decodeFloat32, decodeInt32, decodeUint16, encodeArray, encodedArraySchema } from '../codec.js';
import { decodeBilou, tagCount, type UnitSpan } from './bilou.js';
import { CrfStructure } from './crf-structure.js';
import { CrfWorkspace, pathMarginals } from './forward-backward.js';
import { HashIndex } from './hash-index.js';
import { SimdEmissions } from './simd-emissions.js';
import { WasmViterbi } from './wasm-viterbi.js';
import { addRow, expTransitions, type CrfWeights } from './train-crf.js';

export const crfModelSchema = z.object({
  types: z.array(z.string()),
  hashes: encodedArraySchema,
  rowStart: encodedArraySchema,
  tags: encodedArraySchema,
  values: encodedArraySchema,
  entries: z.number().int().min(0),
  rows: z.number().int().min(0),
  trans: encodedArraySchema,
});
export type CrfModelData = z.infer<typeof crfModelSchema>;

/** Weights this small change no decision; dropping them keeps the archive small. */
const PRUNE_BELOW = 5e-3;

export interface ScoredSpan extends UnitSpan { confidence: number }

/** The emission weights, looked up by feature hash: held once, shared by every decoder of a model. */
class CrfRows {
  /**
   * feature hash → −(dense row + 2) for a row with many tags (bias, intent, common words, which
   * decoders sum as dense rows), else the offset in `records` of the row's record: its entry count,
   * then (tag, weight bits) per entry. A feature costs one probe and one record read: the row's tags
   * and weights used to lie in three arrays, a cache miss each.
   */
  readonly codeOf: HashIndex;
  readonly records: Int32Array;
  /** `records` read as float32 (the weights) */
  readonly recordWeights: Float32Array;
  /** the model rows of the dense rows */
  readonly denseRows: Int32Array;

  constructor(readonly tags: number, readonly hashes: Int32Array, readonly rowStart: Int32Array, readonly tagIdx: Uint16Array, readonly values: Float32Array) {
    const codes = new Int32Array(hashes.length);
    const dense: number[] = [];
    let size = 0;
    for (let r = 0; r < hashes.length; r++) {
      const count = (rowStart[r + 1] as number) - (rowStart[r] as number);
      if (count > tags / 4) {
        codes[r] = -(dense.length + 2);
        dense.push(r);
      } else {
        codes[r] = size;
        size += 1 + 2 * count;
      }
    }
    this.denseRows = Int32Array.from(dense);
    this.records = new Int32Array(size);
    this.recordWeights = new Float32Array(this.records.buffer);
    for (let r = 0; r < hashes.length; r++) {
      let at = codes[r] as number;
      if (at < 0) continue;
      this.records[at++] = (rowStart[r + 1] as number) - (rowStart[r] as number);
      for (let e = rowStart[r] as number; e < (rowStart[r + 1] as number); e++) {
        this.records[at] = tagIdx[e] as number;
        this.recordWeights[at + 1] = values[e] as number;
        at += 2;
      }
    }
    this.codeOf = new HashIndex(hashes, codes);
  }
}

/**
 * Viterbi decoding and span confidences over one set of tags: the model's, or the tags of some of
 * its entity types (`tagOf`: model tag → this decoder's tag, −1 for a left-out one). Its path is the
 * one a decoder over all tags finds with the left-out tags scored −∞; its confidences are normalised
 * over its own tags.
 */
export class CrfDecoder {
  private readonly structure: CrfStructure;
  private readonly expTrans: Float64Array;
  private readonly ws = new CrfWorkspace();
  /** the Viterbi recursion in WebAssembly, where available */
  private readonly viterbiKernel: WasmViterbi | undefined;
  /** the path tag's marginal per unit (decode scratch) */
  private chosen = new Float64Array(0);
  /** each feature's code (CrfRows.codeOf), for one message (decode scratch) */
  private codeScratch = new Int32Array(256);
  /** (unit, dense row) pairs to add, for one message (decode scratch: two ints per feature at most) */
  private denseScratch = new Int32Array(512);
  /** the dense rows over this decoder's tags, summed unrolled, not scattered (JavaScript path) */
  private readonly dense: Float32Array;
  /** the dense rows and the emission buffer in WebAssembly memory, where SIMD is available */
  private readonly simd: SimdEmissions | undefined;

  constructor(readonly types: readonly string[], private readonly rows: CrfRows, private readonly trans: Float32Array, private readonly tagOf: Int32Array) {
    this.structure = new CrfStructure(types.length);
    const t = this.structure.tags;
    const count = rows.denseRows.length;
    // with SIMD the dense rows live only in WebAssembly memory; the JavaScript path keeps its own
    this.simd = SimdEmissions.create(count, t);
    this.dense = new Float32Array(this.simd ? 0 : count * t);
    const { rowStart, tagIdx, values } = rows;
    const simd = this.simd;
    for (let d = 0; d < count; d++) {
      const r = rows.denseRows[d] as number;
      for (let e = rowStart[r] as number; e < (rowStart[r + 1] as number); e++) {
        const y = tagOf[tagIdx[e] as number] as number;
        if (y < 0) continue;
        if (simd) simd.setCell(d, y, values[e] as number);
        else this.dense[d * t + y] = values[e] as number;
      }
    }
    this.viterbiKernel = WasmViterbi.create(t, trans.length);
    this.expTrans = new Float64Array(trans.length);
    expTransitions(trans, this.expTrans);
  }

  /** Spans over units for the given per-unit feature hashes; confidence = mean marginal of the span's tags. */
  decode(unitHashes: readonly Int32Array[]): ScoredSpan[] {
    const n = unitHashes.length;
    if (n === 0) return [];
    const t = this.structure.tags;
    const simd = this.simd;
    // the workspace also holds the Viterbi and forward-backward buffers: reserve them either way
    this.ws.reserve(n, t);
    const inWasm = simd?.emissions(n);
    const emit = inWasm ?? this.ws.emissions(n, t);
    const { codeOf, records, recordWeights } = this.rows;
    const tagOf = this.tagOf;
    // every feature's code first, then the sums: the lookups (most of them cache misses) do not wait
    // on each other or on a row's additions, so the processor overlaps them
    let total = 0;
    for (let i = 0; i < n; i++) total += (unitHashes[i] as Int32Array).length;
    if (this.codeScratch.length < total) {
      this.codeScratch = new Int32Array(Math.max(total, 2 * this.codeScratch.length));
      this.denseScratch = new Int32Array(2 * this.codeScratch.length);
    }
    const codes = this.codeScratch;
    const denseAdds = this.denseScratch;
    for (let i = 0, k = 0; i < n; i++) {
      const hs = unitHashes[i] as Int32Array;
      for (let f = 0; f < hs.length; f++) codes[k++] = codeOf.get(hs[f] as number);
    }
    // the sparse rows now, the dense rows after them (in WebAssembly: one call per message, not one per row)
    let denseCount = 0;
    for (let i = 0, k = 0; i < n; i++) {
      const count = (unitHashes[i] as Int32Array).length;
      for (let f = 0; f < count; f++) {
        const code = codes[k++] as number;
        if (code === -1) continue;
        if (code < 0) {
          denseAdds[2 * denseCount] = i;
          denseAdds[2 * denseCount++ + 1] = -code - 2;
          continue;
        }
        const end = code + 1 + 2 * (records[code] as number);
        for (let e = code + 1; e < end; e += 2) {
          const y = tagOf[records[e] as number] as number;
          if (y < 0) continue;
          const c = i * t + y;
          emit[c] = (emit[c] as number) + (recordWeights[e + 1] as number);
        }
      }
    }
    if (inWasm) simd?.addRows(denseAdds, denseCount);
    else {
      for (let p = 0; p < denseCount; p++) {
        const i = denseAdds[2 * p] as number;
        const d = denseAdds[2 * p + 1] as number;
        // adding the zeros of a dense row changes no sum
        if (simd) simd.addRowTo(emit, i, d);
        else addRow(emit, i * t, this.dense, d * t, t);
      }
    }
    const path = this.structure.viterbi(emit, n, this.trans, this.ws, this.viterbiKernel);
    const spans = decodeBilou(path);
    if (spans.length === 0) return [];
    if (this.chosen.length < n) this.chosen = new Float64Array(Math.max(n, 2 * this.chosen.length));
    const chosen = this.chosen;
    pathMarginals(this.structure, emit, n, this.expTrans, path, spans, this.ws, chosen);
    return spans.map((s) => {
      let sum = 0;
      for (let i = s.first; i <= s.last; i++) sum += chosen[i] as number;
      return { ...s, confidence: sum / (s.last - s.first + 1) };
    });
  }
}

export class CrfModel {
  private readonly rows: CrfRows;
  /** decodes over all the model's tags */
  readonly decoder: CrfDecoder;

  private constructor(readonly types: readonly string[], hashes: Int32Array, rowStart: Int32Array, tagIdx: Uint16Array, values: Float32Array, private readonly trans: Float32Array) {
    const tags = tagCount(types.length);
    this.rows = new CrfRows(tags, hashes, rowStart, tagIdx, values);
    this.decoder = new CrfDecoder(types, this.rows, trans, Int32Array.from({ length: tags }, (_, y) => y));
  }

  /** `hashes[r]` is the feature hash of dense row r. */
  static fromWeights(types: readonly string[], hashes: Int32Array, w: CrfWeights): CrfModel {
    const t = tagCount(types.length);
    const keptHashes: number[] = [];
    const rowStart: number[] = [0];
    const tagIdx: number[] = [];
    const values: number[] = [];
    hashes.forEach((h, r) => {
      const before = tagIdx.length;
      for (let y = 0; y < t; y++) {
        const v = w.emission[r * t + y] as number;
        if (Math.abs(v) >= PRUNE_BELOW) { tagIdx.push(y); values.push(v); }
      }
      if (tagIdx.length === before) return;
      keptHashes.push(h);
      rowStart.push(tagIdx.length);
    });
    return new CrfModel(types, Int32Array.from(keptHashes), Int32Array.from(rowStart), Uint16Array.from(tagIdx), Float32Array.from(values), w.trans.slice());
  }

  static fromData(d: CrfModelData): CrfModel {
    const size = new CrfStructure(d.types.length).layout.size;
    return new CrfModel(
      d.types, decodeInt32(d.hashes, d.rows, 'CRF hashes'), decodeInt32(d.rowStart, d.rows + 1, 'CRF rows'),
      decodeUint16(d.tags, d.entries, 'CRF tags'), decodeFloat32(d.values, d.entries, 'CRF weights'), decodeFloat32(d.trans, size, 'CRF transitions'),
    );
  }

  /**
   * A decoder over some of the entity types (indices into `types`, ascending): the others' tags and
   * transitions left out, the weights shared with this model.
   */
  restrict(keep: readonly number[]): CrfDecoder {
    const full = new CrfStructure(this.types.length);
    const sub = new CrfStructure(keep.length);
    const tagOf = new Int32Array(full.tags).fill(-1);
    tagOf[0] = 0;
    keep.forEach((type, j) => { for (let k = 0; k < 4; k++) tagOf[1 + 4 * type + k] = 1 + 4 * j + k; });
    const from = full.layout;
    const to = sub.layout;
    const trans = new Float32Array(to.size);
    for (let y = 0; y < full.tags; y++) {
      const n = tagOf[y] as number;
      if (n < 0) continue;
      trans[to.out + n] = this.trans[from.out + y] as number;
      trans[to.in + n] = this.trans[from.in + y] as number;
    }
    trans[to.adj] = this.trans[from.adj] as number;
    keep.forEach((type, j) => { for (let k = 0; k < 4; k++) trans[sub.inner(j, k)] = this.trans[full.inner(type, k)] as number; });
    return new CrfDecoder(keep.map((t) => this.types[t] as string), this.rows, trans, tagOf);
  }

  toData(): CrfModelData {
    const { hashes, rowStart, tagIdx, values } = this.rows;
    return {
      types: [...this.types], hashes: encodeArray(hashes), rowStart: encodeArray(rowStart), tags: encodeArray(tagIdx),
      values: encodeArray(values), entries: values.length, rows: hashes.length, trans: encodeArray(this.trans),
    };
  }

  /** Spans over units for the given per-unit feature hashes, over all tags. */
  decode(unitHashes: readonly Int32Array[]): ScoredSpan[] {
    return this.decoder.decode(unitHashes);
  }
}
