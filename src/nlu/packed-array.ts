// A typed array inside a persisted model. A model archive stores its bytes as a binary section and
// loads it back as a view on the file's buffer (no base64, no copy); as JSON (tests, fingerprints,
// `persist()` round trips) it is the base64 of its bytes, exactly what earlier Parleys wrote.
import { z } from 'zod';
import { ParleyError } from '../errors.js';

export type PackedValues = Float32Array | Int32Array | Uint16Array | Int8Array;
export type PackedKind = 'f32' | 'i32' | 'u16' | 'i8';

const constructors = { f32: Float32Array, i32: Int32Array, u16: Uint16Array, i8: Int8Array } as const;

export const isPackedKind = (kind: unknown): kind is PackedKind => typeof kind === 'string' && Object.hasOwn(constructors, kind);

export class PackedArray {
  constructor(readonly values: PackedValues) {}

  get kind(): PackedKind {
    const v = this.values;
    if (v instanceof Float32Array) return 'f32';
    if (v instanceof Int32Array) return 'i32';
    return v instanceof Uint16Array ? 'u16' : 'i8';
  }

  /** The bytes as they are written (little-endian, as Node lays typed arrays out on every platform we run on). */
  bytes(): Uint8Array {
    return new Uint8Array(this.values.buffer, this.values.byteOffset, this.values.byteLength);
  }

  toJSON(): string {
    return Buffer.from(this.values.buffer, this.values.byteOffset, this.values.byteLength).toString('base64');
  }

  /** A view of `length` elements at `offset` of `bytes`, which must lie inside and be aligned for the element size. */
  static view(kind: PackedKind, bytes: Uint8Array, offset: number, length: number): PackedArray {
    const Ctor = constructors[kind];
    const at = bytes.byteOffset + offset;
    if (at % Ctor.BYTES_PER_ELEMENT !== 0 || offset < 0 || offset + length * Ctor.BYTES_PER_ELEMENT > bytes.byteLength) {
      throw new ParleyError('MODEL_INVALID', `binary section (${kind} × ${length} at byte ${offset}) lies outside the archive or is misaligned`);
    }
    return new PackedArray(new Ctor(bytes.buffer as ArrayBuffer, at, length));
  }
}

/** A persisted typed array: base64 text (from JSON) or the array itself (from a model archive). */
export const encodedArraySchema = z.union([z.string(), z.instanceof(PackedArray)]);
export type EncodedArray = z.infer<typeof encodedArraySchema>;
