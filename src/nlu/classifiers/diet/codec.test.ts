import { describe, expect, it } from 'vitest';
import { isParleyError } from '../../../errors.js';
import { PackedArray } from '../../packed-array.js';
import { decodeFloat32, decodeInt32, decodeInt8, decodeUint16, encodeArray, quantizeRows, readQuantizedRows } from './codec.js';
import { addScaledRowInt4 } from './intent/row-kernels.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isParleyError(e) ? e.code : 'not a ParleyError';
  }
  return undefined;
}

describe('typed array codec', () => {
  it('persists a snapshot: changing the live array afterwards changes nothing', () => {
    const live = Float32Array.from([1, 2, 3]);
    const packed = encodeArray(live);
    live[0] = 99;
    expect([...decodeFloat32(packed, 3, 'x')]).toEqual([1, 2, 3]);
  });

  it('reads both forms: base64 from JSON (a copy) and an archive array (used as it is)', () => {
    const packed = encodeArray(Int32Array.from([5, -6]));
    const fromJson = JSON.parse(JSON.stringify({ a: packed })) as { a: string };
    expect(typeof fromJson.a).toBe('string');
    expect([...decodeInt32(fromJson.a, 2, 'x')]).toEqual([5, -6]);
    expect(decodeInt32(packed, 2, 'x')).toBe(packed.values);
    expect([...decodeUint16(encodeArray(Uint16Array.from([7])), 1, 'x')]).toEqual([7]);
    expect([...decodeInt8(JSON.parse(JSON.stringify(encodeArray(Int8Array.from([-1, 1])))) as string, 2, 'x')]).toEqual([-1, 1]);
  });

  it('rejects an array of the wrong type or length as an invalid model', () => {
    const f32 = new PackedArray(Float32Array.from([1, 2]));
    expect(codeOf(() => decodeInt32(f32, 2, 'x'))).toBe('MODEL_INVALID');
    expect(codeOf(() => decodeFloat32(f32, 3, 'x'))).toBe('MODEL_INVALID');
    expect(codeOf(() => decodeFloat32('AAAA', 2, 'x'))).toBe('MODEL_INVALID');
  });

  it('quantizes rows to int8 with one scale per row, readable from JSON as from an archive', () => {
    const q = quantizeRows(Float32Array.from([0.5, -1, 0, 0]), 2, 2);
    const direct = readQuantizedRows(q, 'w');
    expect([...direct.values]).toEqual([64, -127, 0, 0]);
    const viaJson = readQuantizedRows(JSON.parse(JSON.stringify(q)) as typeof q, 'w');
    expect([...viaJson.values]).toEqual([...direct.values]);
    expect([...viaJson.scales]).toEqual([...direct.scales]);
  });

  it('packs 4-bit rows two weights a byte, each within half a level of the float weight', () => {
    const width = 32;
    const rows = 3;
    const m = Float32Array.from({ length: rows * width }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 5)));
    m.fill(0, width, 2 * width); // an all-zero row keeps scale 0
    const q = quantizeRows(m, rows, width, 4);
    expect(q.bits).toBe(4);
    const read = readQuantizedRows(JSON.parse(JSON.stringify(q)) as typeof q, 'w');
    expect(read.bits).toBe(4);
    expect(read.values.length).toBe((rows * width) / 2);
    for (let r = 0; r < rows; r++) {
      // unpacked as the parse kernels unpack it: value = level · scale
      const row = new Float32Array(width);
      addScaledRowInt4(row, read.values, (r * width) / 2, read.scales[r] as number, width);
      const step = read.scales[r] as number;
      for (let c = 0; c < width; c++) expect(Math.abs((row[c] as number) - (m[r * width + c] as number))).toBeLessThanOrEqual(step / 2 + 1e-6);
      const max = Math.max(...Array.from(m.subarray(r * width, (r + 1) * width), Math.abs));
      expect(Math.max(...Array.from(row, Math.abs))).toBeCloseTo(max, 5);
    }
    expect(read.scales[1]).toBe(0);
  });

  it('keeps int8 for widths that are not whole blocks of 16, and refuses such 4-bit rows as an invalid model', () => {
    const q = quantizeRows(Float32Array.from({ length: 20 }, (_, i) => i - 10), 1, 20, 4);
    expect(q.bits).toBeUndefined();
    expect(readQuantizedRows(q, 'w').values.length).toBe(20);
    expect(codeOf(() => readQuantizedRows({ ...q, bits: 4 }, 'w'))).toBe('MODEL_INVALID');
  });
});
