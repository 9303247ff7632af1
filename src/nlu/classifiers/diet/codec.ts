// Compact persistence for typed arrays: a PackedArray (raw bytes in a model archive, base64 as JSON),
// and int8 (or int4) rows with a float scale each for the big sparse→hidden matrix (4× or 8× smaller than float32).
import { ParleyError } from '../../../errors.js';
import { PackedArray, type EncodedArray, type PackedKind, type PackedValues } from '../../packed-array.js';

export { encodedArraySchema, type EncodedArray } from '../../packed-array.js';

/** A snapshot of `values`: later changes to the live array do not reach the persisted state. */
export function encodeArray(values: PackedValues): PackedArray {
  return new PackedArray(values.slice());
}

function decodeBytes(encoded: string, byteLength: number, what: string): Buffer {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength !== byteLength) throw new ParleyError('MODEL_INVALID', `NLU model: ${what} has ${bytes.byteLength} bytes, expected ${byteLength}`);
  return bytes;
}

/** A copy into a fresh, aligned buffer (Buffer slices may not be aligned for the element size). */
function aligned(encoded: string, byteLength: number, what: string): ArrayBuffer {
  const out = new Uint8Array(byteLength);
  out.set(decodeBytes(encoded, byteLength, what));
  return out.buffer;
}

/** An archive's array is used as it is (a view on the file's bytes): only its type and length are checked. */
function unpacked(encoded: PackedArray, kind: PackedKind, n: number, what: string): PackedValues {
  if (encoded.kind !== kind || encoded.values.length !== n) {
    throw new ParleyError('MODEL_INVALID', `NLU model: ${what} is ${encoded.kind} × ${encoded.values.length}, expected ${kind} × ${n}`);
  }
  return encoded.values;
}

export const decodeFloat32 = (s: EncodedArray, n: number, what: string): Float32Array =>
  (typeof s === 'string' ? new Float32Array(aligned(s, n * 4, what)) : unpacked(s, 'f32', n, what) as Float32Array);
export const decodeInt32 = (s: EncodedArray, n: number, what: string): Int32Array =>
  (typeof s === 'string' ? new Int32Array(aligned(s, n * 4, what)) : unpacked(s, 'i32', n, what) as Int32Array);
export const decodeUint16 = (s: EncodedArray, n: number, what: string): Uint16Array =>
  (typeof s === 'string' ? new Uint16Array(aligned(s, n * 2, what)) : unpacked(s, 'u16', n, what) as Uint16Array);
/** Bytes need no alignment: a view on the decoded buffer, no copy. */
export function decodeInt8(s: EncodedArray, n: number, what: string): Int8Array {
  if (typeof s !== 'string') return unpacked(s, 'i8', n, what) as Int8Array;
  const bytes = decodeBytes(s, n, what);
  return new Int8Array(bytes.buffer, bytes.byteOffset, n);
}

/**
 * `bits` absent: int8, one byte per weight. 4: two weights per byte (levels −7…7), in blocks of 16
 * columns: byte k of a block holds column k in its low nibble and column 8 + k in its high one, the
 * layout the SIMD kernel unpacks with two shifts (simd-rows.ts). Half the bytes of int8: half the
 * archive, the load and the memory a parse reads, where n-gram rows are most of a model.
 */
export interface QuantizedRows { rows: number; width: number; bits?: 4 | undefined; scales: EncodedArray; values: EncodedArray }

/** 4-bit rows need whole blocks of 16 columns; other widths keep int8. */
export const packsInt4 = (width: number): boolean => width > 0 && width % 16 === 0;

/** Bytes of `rows` rows of `width` columns at `bits` per weight. */
export const quantizedBytes = (rows: number, width: number, bits: 4 | 8): number => (bits === 4 ? (rows * width) / 2 : rows * width);

export function quantizeRows(matrix: Float32Array, rows: number, width: number, bits: 4 | 8 = 8): QuantizedRows {
  const int4 = bits === 4 && packsInt4(width);
  const levels = int4 ? 7 : 127;
  const scales = new Float32Array(rows);
  const q = new Int8Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < width; c++) max = Math.max(max, Math.abs(matrix[r * width + c] as number));
    const scale = max / levels;
    scales[r] = scale;
    if (scale === 0) continue;
    for (let c = 0; c < width; c++) q[r * width + c] = Math.round((matrix[r * width + c] as number) / scale);
  }
  // fresh arrays nobody else holds: no snapshot copy needed
  if (!int4) return { rows, width, scales: new PackedArray(scales), values: new PackedArray(q) };
  return { rows, width, bits: 4, scales: new PackedArray(scales), values: new PackedArray(packInt4(q)) };
}

/** int8 levels in −7…7 as nibbles, in the block layout above (rows of a multiple of 16 columns: no block straddles two rows). */
export function packInt4(q: Int8Array): Int8Array {
  const out = new Int8Array(q.length / 2);
  for (let block = 0; block < q.length; block += 16) {
    const at = block / 2;
    for (let k = 0; k < 8; k++) out[at + k] = ((q[block + k] as number) & 0x0f) | ((q[block + 8 + k] as number) << 4);
  }
  return out;
}

/** The rows (int8, or int4 packed) and their scales as stored: inference reads them directly (value = q · scale). */
export function readQuantizedRows(data: QuantizedRows, what: string): { values: Int8Array; scales: Float32Array; bits: 4 | 8 } {
  const bits = data.bits ?? 8;
  if (bits === 4 && !packsInt4(data.width)) throw new ParleyError('MODEL_INVALID', `NLU model: ${what} has 4-bit rows of ${data.width} columns, not a multiple of 16`);
  return { values: decodeInt8(data.values, quantizedBytes(data.rows, data.width, bits), what), scales: decodeFloat32(data.scales, data.rows, `${what} scales`), bits };
}
