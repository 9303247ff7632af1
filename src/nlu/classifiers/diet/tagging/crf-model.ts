// A trained CRF for inference: emission weights as pruned sparse rows keyed by feature hash
// (small archives, fast loading), transitions, Viterbi decoding and per-span confidences. The
// weights are held once (CrfRows); a CrfDecoder decodes over all the tags or, for the messages of
// an intent, over the tags of that intent's entity types only.
import { z } from 'zod';
import { ParleyError } from '../../../../errors.js';
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
  rows: z.number().int().min(0),
  trans: encodedArraySchema,
  /** every row's record (CrfRows), int32 × size: what parsing reads, so loading builds nothing */
  records: encodedArraySchema.optional(),
  size: z.number().int().min(0).optional(),
  /** the weights as archives before records held them (read, no longer written): entries by row */
  rowStart: encodedArraySchema.optional(),
  tags: encodedArraySchema.optional(),
  values: encodedArraySchema.optional(),
  entries: z.number().int().min(0).optional(),
}).refine((d) => (d.records !== undefined && d.size !== undefined) || (d.rowStart !== undefined && d.tags !== undefined && d.values !== undefined && d.entries !== undefined), {
  message: 'CRF weights need records and size (or, from older archives, rowStart, tags, values and entries)',
});
export type CrfModelData = z.infer<typeof crfModelSchema>;

/** Weights this small change no decision; dropping them keeps the archive small. */
const PRUNE_BELOW = 5e-3;

export interface ScoredSpan extends UnitSpan { confidence: number }

/**
 * Rows as records, one after another in row order: the row's entry count, then (tag, weight bits)
 * per entry. A row's tags and weights lie together: one cache miss per row, not one per array.
 */
function packRecords(rowStart: Int32Array, tagIdx: Uint16Array, values: Float32Array): Int32Array {
  const rows = rowStart.length - 1;
  const records = new Int32Array(rows + 2 * values.length);
  const weights = new Float32Array(records.buffer);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    records[at++] = (rowStart[r + 1] as number) - (rowStart[r] as number);
    for (let e = rowStart[r] as number; e < (rowStart[r + 1] as number); e++) {
      records[at] = tagIdx[e] as number;
      weights[at + 1] = values[e] as number;
      at += 2;
    }
  }
  return records;
}

/** The emission weights, looked up by feature hash: held once, shared by every decoder of a model. */
class CrfRows {
  /**
   * feature hash → −(dense row + 2) for a row with many tags (bias, intent, common words, which
   * decoders sum as dense rows), else the offset of the row's record. A feature costs one probe and
   * one record read.
   */
  readonly codeOf: HashIndex;
  /** `records` read as float32 (the weights) */
  readonly recordWeights: Float32Array;
  /** the record offset of each dense row */
  readonly denseAt: Int32Array;

  /** `records`: the rows' records (packRecords), row r's feature hash being hashes[r]. */
  constructor(readonly tags: number, readonly hashes: Int32Array, readonly records: Int32Array) {
    this.recordWeights = new Float32Array(records.buffer, records.byteOffset, records.length);
    const codes = new Int32Array(hashes.length);
    const dense: number[] = [];
    let at = 0;
    for (let r = 0; r < hashes.length; r++) {
      const count = records[at];
      if (count === undefined || count < 0 || at + 1 + 2 * count > records.length) throw new ParleyError('MODEL_INVALID', `NLU model: CRF row ${r} runs past its records`);
      for (let e = at + 1; e < at + 1 + 2 * count; e += 2) {
        const tag = records[e] as number;
        if (tag < 0 || tag >= tags) throw new ParleyError('MODEL_INVALID', `NLU model: CRF row ${r} has tag ${tag} of ${tags}`);
      }
      if (count > tags / 4) {
        codes[r] = -(dense.length + 2);
        dense.push(at);
      } else codes[r] = at;
      at += 1 + 2 * count;
    }
    if (at !== records.length) throw new ParleyError('MODEL_INVALID', `NLU model: CRF records have ${records.length} values, but its ${hashes.length} rows take ${at}`);
    this.denseAt = Int32Array.from(dense);
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
    const count = rows.denseAt.length;
    // with SIMD the dense rows live only in WebAssembly memory; the JavaScript path keeps its own
    this.simd = SimdEmissions.create(count, t);
    this.dense = new Float32Array(this.simd ? 0 : count * t);
    const { records, recordWeights } = rows;
    const simd = this.simd;
    for (let d = 0; d < count; d++) {
      const at = rows.denseAt[d] as number;
      for (let e = at + 1; e < at + 1 + 2 * (records[at] as number); e += 2) {
        const y = tagOf[records[e] as number] as number;
        if (y < 0) continue;
        if (simd) simd.setCell(d, y, recordWeights[e + 1] as number);
        else this.dense[d * t + y] = recordWeights[e + 1] as number;
      }
    }
    this.viterbiKernel = WasmViterbi.create(t, trans.length);
    this.expTrans = new Float64Array(trans.length);
    expTransitions(trans, this.expTrans);
  }

  /** Spans over units for the given per-unit feature hashes; confidence = mean marginal of the span's tags. */
  decode(unitHashes: readonly Int32Array[]): ScoredSpan[] {
    const ends = new Int32Array(unitHashes.length);
    let total = 0;
    unitHashes.forEach((h, i) => { total += h.length; ends[i] = total; });
    const flat = new Int32Array(total);
    unitHashes.forEach((h, i) => flat.set(h, i === 0 ? 0 : (ends[i - 1] as number)));
    return this.decodeFlat(flat, ends);
  }

  /** decode() of the hashes given flat: unit i's are hashes[ends[i − 1] .. ends[i]). */
  decodeFlat(hashes: Int32Array, ends: Int32Array): ScoredSpan[] {
    const n = ends.length;
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
    const total = ends[n - 1] as number;
    if (this.codeScratch.length < total) {
      this.codeScratch = new Int32Array(Math.max(total, 2 * this.codeScratch.length));
      this.denseScratch = new Int32Array(2 * this.codeScratch.length);
    }
    const codes = this.codeScratch;
    const denseAdds = this.denseScratch;
    for (let k = 0; k < total; k++) codes[k] = codeOf.get(hashes[k] as number);
    // the sparse rows now, the dense rows after them (in WebAssembly: one call per message, not one per row)
    let denseCount = 0;
    for (let i = 0, k = 0; i < n; i++) {
      for (const unitEnd = ends[i] as number; k < unitEnd;) {
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

  private constructor(readonly types: readonly string[], hashes: Int32Array, records: Int32Array, private readonly trans: Float32Array) {
    const tags = tagCount(types.length);
    this.rows = new CrfRows(tags, hashes, records);
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
    const records = packRecords(Int32Array.from(rowStart), Uint16Array.from(tagIdx), Float32Array.from(values));
    return new CrfModel(types, Int32Array.from(keptHashes), records, w.trans.slice());
  }

  static fromData(d: CrfModelData): CrfModel {
    const size = new CrfStructure(d.types.length).layout.size;
    const hashes = decodeInt32(d.hashes, d.rows, 'CRF hashes');
    const trans = decodeFloat32(d.trans, size, 'CRF transitions');
    if (d.records !== undefined && d.size !== undefined) return new CrfModel(d.types, hashes, decodeInt32(d.records, d.size, 'CRF records'), trans);
    // an archive from before records (the schema holds one form or the other)
    const entries = d.entries ?? 0;
    const records = packRecords(
      decodeInt32(d.rowStart ?? '', d.rows + 1, 'CRF rows'), decodeUint16(d.tags ?? '', entries, 'CRF tags'), decodeFloat32(d.values ?? '', entries, 'CRF weights'),
    );
    return new CrfModel(d.types, hashes, records, trans);
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
    const { hashes, records } = this.rows;
    return { types: [...this.types], hashes: encodeArray(hashes), rows: hashes.length, trans: encodeArray(this.trans), records: encodeArray(records), size: records.length };
  }

  /** Spans over units for the given per-unit feature hashes, over all tags. */
  decode(unitHashes: readonly Int32Array[]): ScoredSpan[] {
    return this.decoder.decode(unitHashes);
  }
}
