// Chooses the store implementation from validated config: one exhaustive switch per store
// kind, so adding a config type without an implementation fails to compile.
import { isAbsolute, resolve } from 'node:path';
import { ParleyError } from '../errors.js';
import type { Cache } from './cache.js';
import type { CacheConfig, LockStoreConfig, TrackerStoreConfig } from './config-schema.js';
import { EmbeddedTrackerStore } from './embedded/embedded-tracker-store.js';
import type { LockStore } from './lock-store.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryLockStore } from './memory/memory-lock-store.js';
import { MemoryTrackerStore } from './memory/memory-tracker-store.js';
import type { TrackerStore } from './tracker-store.js';

export interface CreateStoreOptions {
  /** directory that relative paths in the config are resolved against (the project); default cwd */
  baseDir?: string;
}

export async function createTrackerStore(cfg: TrackerStoreConfig, opts: CreateStoreOptions = {}): Promise<TrackerStore> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryTrackerStore();
    case 'embedded':
      return EmbeddedTrackerStore.open({ dataDir: resolvePath(cfg.dataDir, opts) });
    default:
      return unknownType('tracker store', type);
  }
}

export async function createLockStore(cfg: LockStoreConfig): Promise<LockStore> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryLockStore(cfg.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: cfg.waitTimeoutMs });
    default:
      return unknownType('lock store', type);
  }
}

export async function createCache(cfg: CacheConfig): Promise<Cache> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryCache(cfg.maxEntries === undefined ? {} : { maxEntries: cfg.maxEntries });
    default:
      return unknownType('cache', type);
  }
}

function resolvePath(path: string, opts: CreateStoreOptions): string {
  return isAbsolute(path) ? path : resolve(opts.baseDir ?? process.cwd(), path);
}

// reached only when unvalidated config slips through; `never` makes a missing case a compile error
// (the discriminant is checked, not the object: a one-member union never narrows to `never`)
function unknownType(kind: string, type: never): never {
  throw new ParleyError('CONFIG_INVALID', `unknown ${kind} type ${JSON.stringify(type)}`);
}
