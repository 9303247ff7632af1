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

/** out += v · q[at .. at+n) for int8 rows (v carries the row's quantisation scale). */
export function addScaledRowInt8(out: Float64Array, q: Int8Array, at: number, v: number, n: number): void {
  let j = 0;
  for (; j + 3 < n; j += 4) {
    out[j] = (out[j] as number) + v * (q[at + j] as number);
    out[j + 1] = (out[j + 1] as number) + v * (q[at + j + 1] as number);
    out[j + 2] = (out[j + 2] as number) + v * (q[at + j + 2] as number);
    out[j + 3] = (out[j + 3] as number) + v * (q[at + j + 3] as number);
  }
  for (; j < n; j++) out[j] = (out[j] as number) + v * (q[at + j] as number);
}
