// The bytes of a model archive file: a JSON header and, after it, the model's typed arrays
// (PackedArray) as raw 8-byte-aligned sections. Loading views the sections in place: no gunzip,
// base64 or copy of the weights, which are most of a model and do not compress anyway (int8/float).
// The header is written as plain UTF-8: gunzipping it (mostly vocabularies) cost more load time
// than the few hundred KB it saved. Headers written gzipped (the first format 2 archives) still read.
//
//   0   "PARLEYM\0"     magic
//   8   u32 LE          header length H
//   12  u32 LE          0 (reserved)
//   16  H bytes         JSON { value, sections: [{ path, kind, offset, length }] }, or gzip of it
//   …   sections        from the next multiple of 8, each at its offset from there (aligned to 8)
//
// Long lists of strings (vocabularies) are a section too: UTF-8, joined by NUL. Splitting that text
// at load costs about half of what JSON.parse spends on the same strings as a JSON array.
import { gunzipSync } from 'node:zlib';
import { ParleyError } from './errors.js';
import { PackedArray, isPackedKind, type PackedKind } from './nlu/nlu-model-data.js';

const MAGIC = Buffer.from('PARLEYM\0', 'latin1');
const PREAMBLE = 16;
const ALIGN = 8;

type PathKey = string | number;
const TEXT = 'text';
/** `length` elements; a text section also gives its size in `bytes` (length is its number of strings) */
interface SectionEntry { path: PathKey[]; kind: PackedKind | typeof TEXT; offset: number; length: number; bytes?: number }
interface Header { value: unknown; sections: SectionEntry[] }
interface Found { path: PathKey[]; kind: SectionEntry['kind']; data: Uint8Array; length: number }

/** a string list at least this long is written as a text section */
const TEXT_LIST_MIN = 256;
const SEP = '\0';
// a lone surrogate would not survive UTF-8 (JSON keeps it as an escape)
const LONE_SURROGATE = /\p{Cs}/u;
const isTextList = (v: unknown[]): v is string[] =>
  v.length >= TEXT_LIST_MIN && v.every((t) => typeof t === 'string' && !t.includes(SEP) && !LONE_SURROGATE.test(t));

const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

// sections are the typed arrays' bytes as the CPU lays them out; the format says little-endian
function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new ParleyError('MODEL_INVALID', 'model archives need a little-endian machine');
}

/** A JSON-ready copy of `value` with every PackedArray and long string list replaced by null and listed in `found`. */
function extract(value: unknown, path: PathKey[], found: Found[]): unknown {
  if (value instanceof PackedArray) {
    found.push({ path, kind: value.kind, data: value.bytes(), length: value.values.length });
    return null;
  }
  if (Array.isArray(value) && isTextList(value)) {
    found.push({ path, kind: TEXT, data: Buffer.from(value.join(SEP), 'utf8'), length: value.length });
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
  const found: Found[] = [];
  const json = extract(value, [], found);
  const sections: SectionEntry[] = [];
  let size = 0;
  for (const { path, kind, data, length } of found) {
    const offset = alignUp(size);
    sections.push(kind === TEXT ? { path, kind, offset, length, bytes: data.byteLength } : { path, kind, offset, length });
    size = offset + data.byteLength;
  }
  const header = Buffer.from(JSON.stringify({ value: json, sections } satisfies Header), 'utf8');
  const dataStart = alignUp(PREAMBLE + header.byteLength);
  const out = Buffer.alloc(dataStart + size);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.byteLength, 8);
  header.copy(out, PREAMBLE);
  found.forEach(({ data }, i) => out.set(data, dataStart + (sections[i] as SectionEntry).offset));
  return out;
}

function setAt(root: { value: unknown }, path: readonly PathKey[], section: PackedArray | string[]): void {
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
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + PREAMBLE, length);
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const header = JSON.parse(text) as Header;
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
  for (const s of header.sections) setAt(root, s.path, readSection(s, aligned, dataStart, what));
  return root.value;
}

function readSection(s: SectionEntry, bytes: Uint8Array, dataStart: number, what: string): PackedArray | string[] {
  const valid = Array.isArray(s.path) && Number.isInteger(s.offset) && Number.isInteger(s.length) && s.length >= 0;
  if (valid && isPackedKind(s.kind)) return PackedArray.view(s.kind, bytes, dataStart + s.offset, s.length);
  if (!valid || s.kind !== TEXT || !Number.isInteger(s.bytes)) throw new ParleyError('MODEL_INVALID', `${what}: malformed binary section entry`);
  const [at, size] = [dataStart + s.offset, s.bytes as number];
  if (s.offset < 0 || size < 0 || at + size > bytes.byteLength) {
    throw new ParleyError('MODEL_INVALID', `${what}: text section ${s.path.join('.')} lies outside the archive`);
  }
  const list = Buffer.from(bytes.buffer, bytes.byteOffset + at, size).toString('utf8').split(SEP);
  if (list.length !== s.length) throw new ParleyError('MODEL_INVALID', `${what}: text section ${s.path.join('.')} holds ${list.length} strings, not ${s.length}`);
  return list;
}
