// A trained model on disk: one file holding the domain, the NLU pipeline's state and the policies'
// state (model-archive-file.ts: a JSON header + the weights as raw sections), versioned so an
// incompatible archive fails to load with a clear error.
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Domain, ModelConfig, NluExample } from './core/index.js';
import { ParleyError } from './errors.js';
import { decodeArchiveFile, encodeArchiveFile, isArchiveFile } from './model-archive-file.js';
import { arenaBytes } from './nlu/classifiers/diet/wasm-arena.js';

/** 2: weights as raw binary sections instead of base64 inside one gzipped JSON (format 1). */
export const MODEL_FORMAT_VERSION = 2;
// the suffix predates format 2, whose files are no longer gzip as a whole; kept so `models/` listings,
// scripts and docs keep working
export const MODEL_SUFFIX = '.parley.gz';

export interface ModelArchive {
  format_version: number;
  parley_version: string;
  trained_at: string;
  /** hash of everything the model was trained from: same inputs, same fingerprint */
  fingerprint: string;
  model_id: string;
  language: string;
  domain: Domain;
  config: ModelConfig;
  nlu: unknown;
  policies: unknown;
  /** a few training examples per intent: the LLM intent check's few-shot prompt */
  nlu_examples?: NluExample[];
}

function timestampName(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Writes the archive under `dir` as `<YYYYMMDD-HHMMSS>-<fingerprint>.parley.gz` and returns its path. */
export async function writeModelArchive(dir: string, archive: ModelArchive, opts: { fixedName?: string } = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const name = opts.fixedName
    ? (opts.fixedName.endsWith(MODEL_SUFFIX) ? opts.fixedName : `${opts.fixedName}${MODEL_SUFFIX}`)
    : `${timestampName(new Date(archive.trained_at))}-${archive.fingerprint.slice(0, 8)}${MODEL_SUFFIX}`;
  const path = resolve(dir, name);
  await writeFile(path, encodeArchiveFile(archive));
  return path;
}

/** scratch behind the file for the parse kernels that sum its weights in place (a few KB each) */
const KERNEL_SCRATCH = 64 * 1024;

/**
 * The file's bytes, read straight into WebAssembly memory where there is some: the SIMD kernels then
 * use the weight sections where they lie, and a server holds them once instead of also in a copy.
 */
async function readArchiveBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = arenaBytes(size, KERNEL_SCRATCH) ?? new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

export async function readModelArchive(path: string): Promise<ModelArchive> {
  let raw: Uint8Array;
  try {
    raw = await readArchiveBytes(path);
  } catch (cause) {
    throw new ParleyError('MODEL_NOT_FOUND', `no model at ${path}`, { cause });
  }
  const archive = decodeModelFile(raw, path);
  if (archive.format_version !== MODEL_FORMAT_VERSION) {
    throw new ParleyError('MODEL_INVALID', `${path} has model format ${String(archive.format_version)}, this Parley reads ${MODEL_FORMAT_VERSION}: retrain with \`parley train\``);
  }
  return archive;
}

/** Format 1 files were one gzipped JSON: still read, so that loading one says "retrain". */
function decodeModelFile(raw: Uint8Array, path: string): ModelArchive {
  let value: unknown;
  if (isArchiveFile(raw)) value = decodeArchiveFile(raw, path);
  else {
    try {
      value = JSON.parse(gunzipSync(raw).toString('utf8'));
    } catch (cause) {
      throw new ParleyError('MODEL_INVALID', `${path} is not a Parley model archive`, { cause });
    }
  }
  if (value === null || typeof value !== 'object') throw new ParleyError('MODEL_INVALID', `${path} is not a Parley model archive`);
  return value as ModelArchive;
}

/** A model file path: `pathOrDir` itself if it is a file, else the newest archive in the directory. */
export async function resolveModelPath(pathOrDir: string): Promise<string> {
  const info = await stat(pathOrDir).catch(() => undefined);
  if (!info) throw new ParleyError('MODEL_NOT_FOUND', `no model found at ${pathOrDir}: train one with \`parley train\``);
  if (info.isFile()) return resolve(pathOrDir);
  const files = (await readdir(pathOrDir)).filter((f) => f.endsWith(MODEL_SUFFIX));
  if (files.length === 0) throw new ParleyError('MODEL_NOT_FOUND', `no model found in ${pathOrDir}: train one with \`parley train\``);
  const withTimes = await Promise.all(files.map(async (f) => ({ f, t: (await stat(join(pathOrDir, f))).mtimeMs })));
  withTimes.sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
  return resolve(pathOrDir, (withTimes[0] as { f: string }).f);
}
