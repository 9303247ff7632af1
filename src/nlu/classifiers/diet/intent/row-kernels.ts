// The dense inner loop of the intent network (training and parsing): out += v · matrix[at .. at+n).
// Unrolled by four: V8 does not vectorise, and the unrolled loop runs about twice as fast. Each
// out[j] still receives its terms in the same order, so results do not change.

export function addScaledRow(out: Float64Array, matrix: Float32Array, at: number, v: number, n: number): void {
  let j = 0;
  for (; j + 3 < n; j += 4) {
    out[j] = (out[j] as number) + v * (matrix[at + j] as number);
    out[j + 1] = (out[j + 1] as number) + v * (matrix[at + j + 1] as number);
    out[j + 2] = (out[j + 2] as number) + v * (matrix[at + j + 2] as number);
    out[j + 3] = (out[j + 3] as number) + v * (matrix[at + j + 3] as number);
  }
  for (; j < n; j++) out[j] = (out[j] as number) + v * (matrix[at + j] as number);
}

/**
 * out += v · q[at .. at+n) for int8 rows (v carries the row's quantisation scale), in float32: each
 * product and each sum rounded to float32 as WebAssembly's f32x4 lanes round them (intent/simd-rows.ts),
 * so this twin and the SIMD kernel give the same bits. `v` must be a float32 value (Math.fround).
 * (Rounding a float64 product or sum of two float32 values to float32 gives the float32 result: 53 ≥
 * 2·24 + 2 bits.)
 */
export function addScaledRowInt8(out: Float32Array, q: Int8Array, at: number, v: number, n: number): void {
  let j = 0;
  for (; j + 3 < n; j += 4) {
    out[j] = (out[j] as number) + Math.fround(v * (q[at + j] as number));
    out[j + 1] = (out[j + 1] as number) + Math.fround(v * (q[at + j + 1] as number));
    out[j + 2] = (out[j + 2] as number) + Math.fround(v * (q[at + j + 2] as number));
    out[j + 3] = (out[j + 3] as number) + Math.fround(v * (q[at + j + 3] as number));
  }
  for (; j < n; j++) out[j] = (out[j] as number) + Math.fround(v * (q[at + j] as number));
}

/**
 * out[0, n) += v · row, the row being int4 nibbles in codec.ts's layout (16 columns per 8 bytes) from
 * byte `at`; each term rounded to float32 as addScaledRowInt8 does (and the SIMD kernel).
 */
export function addScaledRowInt4(out: Float32Array, q: Int8Array, at: number, v: number, n: number): void {
  for (let block = 0; block < n; block += 16) {
    const from = at + block / 2;
    for (let k = 0; k < 8; k++) {
      const byte = q[from + k] as number;
      out[block + k] = (out[block + k] as number) + Math.fround(v * ((byte << 28) >> 28));
      out[block + 8 + k] = (out[block + 8 + k] as number) + Math.fround(v * (byte >> 4));
    }
  }
}

/**
 * out += v1·q[a1..] + v2·q[a2..] + v3·q[a3..] + v4·q[a4..] over n columns: four rows per pass read and
 * write `out` once instead of four times. Each out[j] still adds the rows' terms one after the other,
 * in row order and rounded to float32 after each, so the sums are bit-identical to four
 * addScaledRowInt8 calls. The scales must be float32 values.
 */
export function addScaledRows4Int8(out: Float32Array, q: Int8Array, rows: Int32Array, scales: Float32Array, n: number): void {
  const a1 = rows[0] as number, a2 = rows[1] as number, a3 = rows[2] as number, a4 = rows[3] as number;
  const v1 = scales[0] as number, v2 = scales[1] as number, v3 = scales[2] as number, v4 = scales[3] as number;
  const f = Math.fround;
  for (let j = 0; j < n; j++) {
    const s1 = f((out[j] as number) + f(v1 * (q[a1 + j] as number)));
    const s2 = f(s1 + f(v2 * (q[a2 + j] as number)));
    const s3 = f(s2 + f(v3 * (q[a3 + j] as number)));
    out[j] = s3 + f(v4 * (q[a4 + j] as number));
  }
}
