// Weights are persisted as base64 Float32Array bytes: ~4× smaller than JSON numbers, exact round trip.
import { ParleyError } from '../../errors.js';

export function encodeFloats(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloats(encoded: string, expectedLength: number, what: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength !== expectedLength * 4) {
    throw new ParleyError('MODEL_INVALID', `NLU model: ${what} has ${bytes.byteLength / 4} values, expected ${expectedLength}`);
  }
  // copy into a fresh, aligned buffer (Buffer slices may not be 4-byte aligned)
  const out = new Float32Array(expectedLength);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
