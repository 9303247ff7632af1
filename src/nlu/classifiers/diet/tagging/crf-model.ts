// A trained CRF for inference: emission weights as pruned sparse rows keyed by feature hash
// (small archives, fast loading), transitions, Viterbi decoding and per-span confidences.
import { z } from 'zod';
import { decodeFloat32, decodeInt32, decodeUint16, encodeArray, encodedArraySchema } from '../codec.js';
import { decodeBilou, type UnitSpan } from './bilou.js';
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

export class CrfModel {
  private readonly structure: CrfStructure;
  private readonly rowOf: HashIndex;
  private readonly expTrans: Float64Array;
  private readonly ws = new CrfWorkspace();
  /** the Viterbi recursion in WebAssembly, where available */
  private readonly viterbiKernel: WasmViterbi | undefined;
  /** the path tag's marginal per unit (decode scratch) */
  private chosen = new Float64Array(0);
  /** rows with many tags (bias, intent, common words) also as dense rows: summed unrolled, not scattered */
  private readonly dense: Float32Array;
  /**
   * Per row, side by side (one cache line per lookup, not one per array): −(dense row + 1) or the
   * first sparse entry, then the end of its sparse entries.
   */
  private readonly rowInfo: Int32Array;
  /** the dense rows and the emission buffer in WebAssembly memory, where SIMD is available */
  private readonly simd: SimdEmissions | undefined;

  private constructor(
    readonly types: readonly string[],
    private readonly hashes: Int32Array,
    private readonly rowStart: Int32Array,
    private readonly tagIdx: Uint16Array,
    private readonly values: Float32Array,
    private readonly trans: Float32Array,
  ) {
    this.structure = new CrfStructure(types.length);
    this.rowOf = new HashIndex(hashes);
    const t = this.structure.tags;
    this.rowInfo = new Int32Array(2 * hashes.length);
    let count = 0;
    for (let r = 0; r < hashes.length; r++) {
      const isDense = (rowStart[r + 1] as number) - (rowStart[r] as number) > t / 4;
      this.rowInfo[2 * r] = isDense ? -(++count) : (rowStart[r] as number);
      this.rowInfo[2 * r + 1] = rowStart[r + 1] as number;
    }
    // with SIMD the dense rows live only in WebAssembly memory; the JavaScript path keeps its own
    this.simd = SimdEmissions.create(count, t);
    this.dense = new Float32Array(this.simd ? 0 : count * t);
    for (let r = 0; r < hashes.length; r++) {
      const d = -(this.rowInfo[2 * r] as number) - 1;
      if (d < 0) continue;
      const row = this.simd ? this.simd.row(d) : this.dense.subarray(d * t, (d + 1) * t);
      for (let e = rowStart[r] as number; e < (rowStart[r + 1] as number); e++) row[tagIdx[e] as number] = values[e] as number;
    }
    this.viterbiKernel = WasmViterbi.create(t, trans.length);
    this.expTrans = new Float64Array(trans.length);
    expTransitions(trans, this.expTrans);
  }

  /** `hashes[r]` is the feature hash of dense row r. */
  static fromWeights(types: readonly string[], hashes: Int32Array, w: CrfWeights): CrfModel {
    const t = 1 + 4 * types.length;
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

  toData(): CrfModelData {
    return {
      types: [...this.types], hashes: encodeArray(this.hashes), rowStart: encodeArray(this.rowStart), tags: encodeArray(this.tagIdx),
      values: encodeArray(this.values), entries: this.values.length, rows: this.hashes.length, trans: encodeArray(this.trans),
    };
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
    const { rowInfo, tagIdx, values } = this;
    for (let i = 0; i < n; i++) {
      const hs = unitHashes[i] as Int32Array;
      for (let f = 0; f < hs.length; f++) {
        const r = this.rowOf.get(hs[f] as number);
        if (r < 0) continue;
        const first = rowInfo[2 * r] as number;
        // adding the zeros of a dense row changes no sum
        if (first < 0) {
          if (!simd) addRow(emit, i * t, this.dense, (-first - 1) * t, t);
          else if (inWasm) simd.addRow(i, -first - 1);
          else simd.addRowTo(emit, i, -first - 1);
          continue;
        }
        const end = rowInfo[2 * r + 1] as number;
        for (let e = first; e < end; e++) {
          const k = i * t + (tagIdx[e] as number);
          emit[k] = (emit[k] as number) + (values[e] as number);
        }
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
