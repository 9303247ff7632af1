// Caches NLU results by model fingerprint and normalised text, so a repeated message ("hi",
// "yes", a button payload) skips the pipeline. Keys hold a hash of the text, never the text;
// with a sealer the value is encrypted too. The cache never fails a parse: any cache error is
// a miss. Results with entity offsets are served only for the exact same text.
import { createHash } from 'node:crypto';
import type { ParseData } from '../core/index.js';
import type { Cache } from './cache.js';

export interface ParseOptions { messageId?: string; metadata?: Record<string, unknown> }
export type ParseFn = (text: string, opts?: ParseOptions) => Promise<ParseData>;

/** Protects what is cached: a keyed hash for the key and encryption for the value. */
export interface ValueSealer {
  keyDigest(text: string): string;
  seal(plain: string): string;
  unseal(sealed: string): string;
}

export interface NluCacheOptions {
  /** default 60 s */
  ttlSeconds?: number;
  sealer?: ValueSealer;
}

export interface NluCacheStats { hits: number; misses: number; errors: number }
export type CachedParseFn = ParseFn & { readonly stats: NluCacheStats };

/** trim, collapse whitespace, NFKC, lower-case */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

interface Entry { text: string; parse: ParseData }

export function cachedParse(cache: Cache, fingerprint: string, parse: ParseFn, opts: NluCacheOptions = {}): CachedParseFn {
  const stats: NluCacheStats = { hits: 0, misses: 0, errors: 0 };
  const ttl = opts.ttlSeconds ?? 60;
  const keyOf = (norm: string) => `nlu:${fingerprint}:${opts.sealer ? opts.sealer.keyDigest(norm) : createHash('sha256').update(norm).digest('hex')}`;

  const read = async (key: string): Promise<Entry | undefined> => {
    try {
      const raw = await cache.get(key);
      if (raw === undefined) return undefined;
      return JSON.parse(opts.sealer ? opts.sealer.unseal(raw) : raw) as Entry;
    } catch {
      stats.errors += 1;
      return undefined;
    }
  };

  const write = async (key: string, entry: Entry): Promise<void> => {
    try {
      const raw = JSON.stringify(entry);
      await cache.set(key, opts.sealer ? opts.sealer.seal(raw) : raw, ttl);
    } catch {
      stats.errors += 1;
    }
  };

  const fn = async (text: string, parseOpts: ParseOptions = {}): Promise<ParseData> => {
    // components may read metadata, so such a message is not answered from the cache
    if (parseOpts.metadata && Object.keys(parseOpts.metadata).length > 0) return parse(text, parseOpts);
    const key = keyOf(normaliseText(text));
    const hit = await read(key);
    if (hit && (hit.text === text || hit.parse.entities.length === 0)) {
      stats.hits += 1;
      return withMessage(hit.parse, text, parseOpts.messageId);
    }
    stats.misses += 1;
    const result = await parse(text, parseOpts);
    const { message_id: _id, metadata: _meta, ...stored } = result;
    await write(key, { text, parse: stored });
    return result;
  };
  return Object.assign(fn, { stats });
}

function withMessage(parse: ParseData, text: string, messageId: string | undefined): ParseData {
  const out: ParseData = { ...structuredClone(parse), text };
  if (messageId !== undefined) out.message_id = messageId;
  return out;
}
