import { describe, expect, it } from 'vitest';
import { isParleyError } from '../../../errors.js';
import { PackedArray } from '../../packed-array.js';
import { decodeFloat32, decodeInt32, decodeInt8, decodeUint16, encodeArray, quantizeRows, readQuantizedRows } from './codec.js';

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
});
