// A compact binary copy of a parsed vectors file, so later processes skip the big JSON (wink's
// 307 MB: ~5 s of CPU and 1.5 GB of RSS to parse) and the building of the word index. Layout:
// "PWV3" (version 3: rows in the file's word order, most frequent first), u32 header length, the header JSON ({ fingerprint, dimensions, rows, chars, slots }), then,
// each at a multiple of 4 bytes: the float32 rows, the index's word starts (u32 × rows + 1), its
// slots (i32 × slots) and its words' code units (u16 × chars). Keyed by the source file's path,
// size and mtime; the fingerprint of the source is kept inside.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WordIndex } from './word-index.js';
import { WordVectorTable } from './word-vector-table.js';

const MAGIC = 'PWV3';

export interface CachedVectors { fingerprint: string; table: WordVectorTable }

const cacheDir = (): string => process.env.PARLEY_VECTORS_CACHE ?? join(tmpdir(), 'parley-word-vectors');

function cacheFile(source: string): string {
  const s = statSync(source);
  const key = createHash('sha256').update(`${source}\0${s.size}\0${s.mtimeMs}`).digest('hex').slice(0, 32);
  return join(cacheDir(), `${key}.bin`);
}

/** The cached table of `source`, or undefined when there is no usable cache entry. */
export function readCachedVectors(source: string): CachedVectors | undefined {
  let fd: number;
  try {
    fd = openSync(cacheFile(source), 'r');
  } catch {
    return undefined;
  }
  try {
    return readTable(fd);
  } finally {
    closeSync(fd);
  }
}

interface Header { fingerprint: string; dimensions: number; rows: number; chars: number; slots: number }

const align4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Reads the next section straight into a new typed array (no second copy of 140 MB in memory). */
function readSection<T extends Float32Array | Uint32Array | Int32Array | Uint16Array>(fd: number, at: number, out: T): boolean {
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  for (let done = 0; done < bytes.length;) {
    const n = readSync(fd, bytes, done, bytes.length - done, at + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}

function readTable(fd: number): CachedVectors | undefined {
  const head = Buffer.alloc(8);
  if (readSync(fd, head, 0, 8, 0) !== 8 || head.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const headerLength = head.readUInt32LE(4);
  if (8 + headerLength > fstatSync(fd).size) return undefined;
  const headerBytes = Buffer.alloc(headerLength);
  if (readSync(fd, headerBytes, 0, headerBytes.length, 8) !== headerBytes.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  const { dimensions, rows, chars, slots } = header;
  if (![dimensions, rows, chars, slots].every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
  const data = new Float32Array(rows * dimensions);
  const starts = new Uint32Array(rows + 1);
  const table = new Int32Array(slots);
  const text = new Uint16Array(chars);
  let at = align4(8 + headerBytes.length);
  for (const section of [data, starts, table, text]) {
    if (!readSection(fd, at, section)) return undefined;
    at = align4(at + section.byteLength);
  }
  if (fstatSync(fd).size !== at) return undefined;
  const index = WordIndex.fromArrays(text, starts, table);
  return index && { fingerprint: header.fingerprint, table: WordVectorTable.fromIndex(dimensions, index, data) };
}

/** Best effort: a cache that cannot be written (read-only disk) only costs the next process time. */
export function writeCachedVectors(source: string, vectors: CachedVectors): void {
  const { index, data } = vectors.table.rows();
  const header: Header = { fingerprint: vectors.fingerprint, dimensions: vectors.table.dimensions, rows: index.size, chars: index.chars.length, slots: index.slots.length };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const sections = [data, index.starts, index.slots, index.chars];
  let size = align4(8 + headerBytes.length);
  for (const section of sections) size = align4(size + section.byteLength);
  const out = Buffer.alloc(size);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  let at = align4(8 + headerBytes.length);
  for (const section of sections) {
    Buffer.from(section.buffer, section.byteOffset, section.byteLength).copy(out, at);
    at = align4(at + section.byteLength);
  }
  try {
    const file = cacheFile(source);
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, file);
  } catch {
    // no cache this time
  }
}
