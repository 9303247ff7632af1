// The bytes of a model archive file: a gzipped JSON header and, after it, the model's typed arrays
// (PackedArray) as raw 8-byte-aligned sections. Loading views the sections in place: no gunzip,
// base64 or copy of the weights, which are most of a model and do not compress anyway (int8/float).
//
//   0   "PARLEYM\0"     magic
//   8   u32 LE          header length H
//   12  u32 LE          0 (reserved)
//   16  H bytes         gzip(JSON { value, sections: [{ path, kind, offset, length }] })
//   …   sections        from the next multiple of 8, each at its offset from there (aligned to 8)
import { gunzipSync, gzipSync } from 'node:zlib';
import { ParleyError } from './errors.js';
import { PackedArray, isPackedKind, type PackedKind } from './nlu/nlu-model-data.js';

const MAGIC = Buffer.from('PARLEYM\0', 'latin1');
const PREAMBLE = 16;
const ALIGN = 8;

type PathKey = string | number;
interface SectionEntry { path: PathKey[]; kind: PackedKind; offset: number; length: number }
interface Header { value: unknown; sections: SectionEntry[] }

const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

// sections are the typed arrays' bytes as the CPU lays them out; the format says little-endian
function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new ParleyError('MODEL_INVALID', 'model archives need a little-endian machine');
}

/** A JSON-ready copy of `value` with every PackedArray replaced by null and listed in `found`. */
function extract(value: unknown, path: PathKey[], found: { path: PathKey[]; array: PackedArray }[]): unknown {
  if (value instanceof PackedArray) {
    found.push({ path, array: value });
    return null;
  }
  if (Array.isArray(value)) return value.map((v: unknown, i) => extract(v, [...path, i], found));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = extract(v, [...path, k], found);
    return out;
  }
  return value;
}

export function isArchiveFile(bytes: Uint8Array): boolean {
  return bytes.byteLength >= PREAMBLE && MAGIC.equals(bytes.subarray(0, MAGIC.byteLength));
}

export function encodeArchiveFile(value: unknown): Buffer {
  assertLittleEndian();
  const found: { path: PathKey[]; array: PackedArray }[] = [];
  const json = extract(value, [], found);
  const sections: SectionEntry[] = [];
  let size = 0;
  for (const { path, array } of found) {
    const offset = alignUp(size);
    sections.push({ path, kind: array.kind, offset, length: array.values.length });
    size = offset + array.values.byteLength;
  }
  const header = gzipSync(JSON.stringify({ value: json, sections } satisfies Header));
  const dataStart = alignUp(PREAMBLE + header.byteLength);
  const out = Buffer.alloc(dataStart + size);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.byteLength, 8);
  header.copy(out, PREAMBLE);
  found.forEach(({ array }, i) => out.set(array.bytes(), dataStart + (sections[i] as SectionEntry).offset));
  return out;
}

function setAt(root: { value: unknown }, path: readonly PathKey[], section: PackedArray): void {
  let node: unknown = root;
  const keys: PathKey[] = ['value', ...path];
  for (let i = 0; i < keys.length - 1; i++) {
    node = node !== null && typeof node === 'object' ? (node as Record<PathKey, unknown>)[keys[i] as PathKey] : undefined;
  }
  const last = keys[keys.length - 1] as PathKey;
  if (node === null || typeof node !== 'object' || (node as Record<PathKey, unknown>)[last] !== null) {
    throw new ParleyError('MODEL_INVALID', `binary section ${path.join('.')} has no place in the archive`);
  }
  (node as Record<PathKey, unknown>)[last] = section;
}

function parseHeader(bytes: Uint8Array): { header: Header; dataStart: number } {
  const length = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(8);
  if (PREAMBLE + length > bytes.byteLength) throw new Error(`header of ${length} bytes overruns the file`);
  const header = JSON.parse(gunzipSync(bytes.subarray(PREAMBLE, PREAMBLE + length)).toString('utf8')) as Header;
  if (!Array.isArray(header.sections)) throw new Error('header lists no sections');
  return { header, dataStart: alignUp(PREAMBLE + length) };
}

/** The archive's value with its sections as PackedArray views on `bytes` (copied once only if misaligned). */
export function decodeArchiveFile(bytes: Uint8Array, what: string): unknown {
  assertLittleEndian();
  const aligned = bytes.byteOffset % ALIGN === 0 ? bytes : new Uint8Array(bytes);
  let parsed: { header: Header; dataStart: number };
  try {
    parsed = parseHeader(aligned);
  } catch (cause) {
    throw new ParleyError('MODEL_INVALID', `${what} is not a readable Parley model archive`, { cause });
  }
  const { header, dataStart } = parsed;
  const root = { value: header.value };
  for (const s of header.sections) {
    if (!isPackedKind(s.kind) || !Array.isArray(s.path) || !Number.isInteger(s.offset) || !Number.isInteger(s.length) || s.length < 0) {
      throw new ParleyError('MODEL_INVALID', `${what}: malformed binary section entry`);
    }
    setAt(root, s.path, PackedArray.view(s.kind, aligned, dataStart + s.offset, s.length));
  }
  return root.value;
}
