// A compact binary copy of a parsed vectors file, so later processes skip the big JSON (wink's
// 307 MB: ~5 s of CPU and 1.5 GB of RSS to parse). Layout: "PWV1", u32 header length, the header
// JSON ({ fingerprint, dimensions, words }), zero padding to 4 bytes, then the float32 rows.
// Keyed by the source file's path, size and mtime; the fingerprint of the source is kept inside.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WordVectorTable } from './word-vector-table.js';

const MAGIC = 'PWV1';

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

// the rows are read straight into their Float32Array: no second 140 MB copy in memory
function readTable(fd: number): CachedVectors | undefined {
  const head = Buffer.alloc(8);
  if (readSync(fd, head, 0, 8, 0) !== 8 || head.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const headerBytes = Buffer.alloc(head.readUInt32LE(4));
  if (readSync(fd, headerBytes, 0, headerBytes.length, 8) !== headerBytes.length) return undefined;
  let header: { fingerprint: string; dimensions: number; words: string[] };
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as typeof header;
  } catch {
    return undefined;
  }
  const start = Math.ceil((8 + headerBytes.length) / 4) * 4;
  const data = new Float32Array(header.words.length * header.dimensions);
  const bytes = new Uint8Array(data.buffer);
  for (let done = 0; done < bytes.length;) {
    const n = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (n === 0) return undefined;
    done += n;
  }
  if (fstatSync(fd).size !== start + bytes.length) return undefined;
  return { fingerprint: header.fingerprint, table: WordVectorTable.fromRows(header.dimensions, header.words, data) };
}

/** Best effort: a cache that cannot be written (read-only disk) only costs the next process time. */
export function writeCachedVectors(source: string, vectors: CachedVectors): void {
  const { words, data } = vectors.table.rows();
  const header = Buffer.from(JSON.stringify({ fingerprint: vectors.fingerprint, dimensions: vectors.table.dimensions, words }), 'utf8');
  const start = Math.ceil((8 + header.length) / 4) * 4;
  const out = Buffer.alloc(start + data.byteLength);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, start);
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
