// Chooses and composes the store implementations from validated config: one exhaustive switch
// per store kind (adding a config type without an implementation fails to compile), and the
// decorators in their one right order: Encrypted(Cached(Retrying(Postgres))).
import { isAbsolute, resolve } from 'node:path';
import { ParleyError } from '../errors.js';
import type { Cache } from './cache.js';
import { MemoryStateBus } from './bus/memory-state-bus.js';
import { RedisStateBus } from './bus/redis-state-bus.js';
import type { StateBus } from './bus/state-bus.js';
import type { CacheConfig, EncryptionStoreConfig, LockStoreConfig, NluCacheConfig, StateBusConfig, StoresConfig, TrackerCacheConfig, TrackerStoreConfig } from './config-schema.js';
import type { IdentityStore } from './identity/identity-store.js';
import { MemoryIdentityStore } from './identity/memory-identity-store.js';
import { SqlIdentityStore } from './identity/sql-identity-store.js';
import { EmbeddedTrackerStore } from './embedded/embedded-tracker-store.js';
import { EncryptedTrackerStore } from './encryption/encrypted-tracker-store.js';
import { Keyring, keyringSealer } from './encryption/keyring.js';
import type { LockStore } from './lock-store.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryLockStore } from './memory/memory-lock-store.js';
import { MemoryTrackerStore } from './memory/memory-tracker-store.js';
import type { ValueSealer } from './nlu-cache.js';
import { PostgresTrackerStore } from './postgres/postgres-tracker-store.js';
import { CachedTrackerStore } from './redis/cached-tracker-store.js';
import { RedisCache } from './redis/redis-cache.js';
import { closeRedis, connectRedis, openRedis } from './redis/redis-connection.js';
import { RedisLockStore } from './redis/redis-lock-store.js';
import { RedisSnapshotCache } from './redis/redis-snapshot-cache.js';
import { RetryingTrackerStore } from './retrying-tracker-store.js';
import type { StoreLogger } from './store-logger.js';
import type { TrackerStore } from './tracker-store.js';

export interface CreateStoreOptions {
  /** directory that relative paths in the config are resolved against (the project); default cwd */
  baseDir?: string;
  /** the snapshot cache in front of the store (default none) */
  cache?: TrackerCacheConfig;
  /** sensitive slots/entities; needs keys in the environment when any name is given */
  encryption?: EncryptionStoreConfig;
  /** the keyring; default Keyring.fromEnv(env) */
  keyring?: Keyring;
  env?: NodeJS.ProcessEnv;
  logger?: StoreLogger;
  /** told about retried store calls (metrics) */
  observer?: StoreObserver;
}

export interface StoreObserver {
  trackerStoreRetried(operation: string): void;
}

const withLogger = (logger: StoreLogger | undefined) => (logger ? { logger } : {});

/** The base store only (what `parley db prune` and `parley keys rotate` work on). */
export async function createBaseTrackerStore(cfg: TrackerStoreConfig, opts: CreateStoreOptions = {}): Promise<TrackerStore> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryTrackerStore();
    case 'embedded':
      return EmbeddedTrackerStore.open({ dataDir: resolvePath(cfg.dataDir, opts) });
    case 'postgres':
      return PostgresTrackerStore.open({
        url: cfg.url, poolSize: cfg.poolSize, ...withLogger(opts.logger),
        ...(cfg.schema ? { schema: cfg.schema } : {}),
        ...(cfg.maxEventsPerConversation ? { maxEventsPerConversation: cfg.maxEventsPerConversation } : {}),
      });
    default:
      return unknownType('tracker store', type);
  }
}

export async function createTrackerStore(cfg: TrackerStoreConfig, opts: CreateStoreOptions = {}): Promise<TrackerStore> {
  return composeTrackerStore(await createBaseTrackerStore(cfg, opts), cfg, opts);
}

/** The decorators around a base store made by createBaseTrackerStore. */
export async function composeTrackerStore(base: TrackerStore, cfg: TrackerStoreConfig, opts: CreateStoreOptions = {}): Promise<TrackerStore> {
  const keyring = encryptionKeyring(opts);
  let store = base;
  if (cfg.type === 'postgres') {
    const observer = opts.observer;
    store = new RetryingTrackerStore(store, { ...cfg.retry, ...withLogger(opts.logger), ...(observer ? { onRetry: (op: string) => observer.trackerStoreRetried(op) } : {}) });
  }
  store = await withSnapshotCache(store, opts.cache ?? { type: 'none' }, opts.logger);
  // outermost: neither the cache nor the database ever sees a sensitive value in plaintext
  if (keyring && opts.encryption) store = new EncryptedTrackerStore(store, keyring, opts.encryption);
  return store;
}

async function withSnapshotCache(store: TrackerStore, cfg: TrackerCacheConfig, logger: StoreLogger | undefined): Promise<TrackerStore> {
  const type = cfg.type;
  switch (type) {
    case 'none':
      return store;
    case 'redis': {
      const redis = openRedis({ url: cfg.url, commandTimeoutMs: cfg.timeoutMs, role: 'tracker-cache', ...withLogger(logger) });
      await connectRedis(redis);
      const snapshots = new RedisSnapshotCache(redis, { keyPrefix: cfg.keyPrefix, ttlSeconds: cfg.ttlSeconds });
      return new CachedTrackerStore(store, snapshots, { timeoutMs: cfg.timeoutMs, onClose: () => closeRedis(redis), ...withLogger(logger) });
    }
    default:
      return unknownType('cache', type);
  }
}

/** The keyring when encryption is configured; a configured encryption without keys is a start-up error. */
export function encryptionKeyring(opts: Pick<CreateStoreOptions, 'encryption' | 'keyring' | 'env'>): Keyring | undefined {
  const enc = opts.encryption;
  if (!enc || enc.sensitiveSlots.length + enc.sensitiveEntities.length === 0) return undefined;
  const keyring = opts.keyring ?? Keyring.fromEnv(opts.env ?? process.env);
  if (!keyring) {
    throw new ParleyError('CONFIG_INVALID', 'sensitive slots/entities are configured but no key is set: export PARLEY_ENCRYPTION_KEYS="k1:<base64 32 bytes>" (openssl rand -base64 32)');
  }
  return keyring;
}

export async function createLockStore(cfg: LockStoreConfig, opts: { logger?: StoreLogger } = {}): Promise<LockStore> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryLockStore(cfg.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: cfg.waitTimeoutMs });
    case 'redis':
      return RedisLockStore.open({
        url: cfg.url, keyPrefix: cfg.keyPrefix, lifetimeSeconds: cfg.lifetimeSeconds, policy: cfg.policy,
        whenUnavailable: cfg.whenUnavailable, ...withLogger(opts.logger),
        ...(cfg.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: cfg.waitTimeoutMs }),
      });
    default:
      return unknownType('lock store', type);
  }
}

export async function createCache(cfg: CacheConfig, opts: { logger?: StoreLogger } = {}): Promise<Cache> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryCache(cfg.maxEntries === undefined ? {} : { maxEntries: cfg.maxEntries });
    case 'redis':
      return RedisCache.open({ url: cfg.url, keyPrefix: cfg.keyPrefix, timeoutMs: cfg.timeoutMs, ...withLogger(opts.logger) });
    default:
      return unknownType('cache', type);
  }
}

export interface NluCacheSetup { cache: Cache; ttlSeconds: number; sealer?: ValueSealer }

/** What `cachedParse` needs, or undefined for `none`; values are sealed when a keyring is given. */
export async function createNluCache(cfg: NluCacheConfig, opts: { keyring?: Keyring; logger?: StoreLogger } = {}): Promise<NluCacheSetup | undefined> {
  if (cfg.type === 'none') return undefined;
  const { ttlSeconds, ...cacheCfg } = cfg;
  const cache = await createCache(cacheCfg, opts);
  return { cache, ttlSeconds, ...(opts.keyring ? { sealer: keyringSealer(opts.keyring) } : {}) };
}

/** Identity links live beside the conversations: in the same database when there is one. */
export function identityStoreFor(base: TrackerStore): IdentityStore {
  if (base instanceof PostgresTrackerStore) return new SqlIdentityStore(base.sqlClient);
  if (base instanceof EmbeddedTrackerStore) return new SqlIdentityStore(base.database);
  return new MemoryIdentityStore();
}

export async function createStateBus(cfg: StateBusConfig, opts: { logger?: StoreLogger } = {}): Promise<StateBus> {
  const type = cfg.type;
  switch (type) {
    case 'memory':
      return new MemoryStateBus();
    case 'redis':
      return RedisStateBus.open({ url: cfg.url, keyPrefix: cfg.keyPrefix, ...withLogger(opts.logger) });
    default:
      return unknownType('state bus', type);
  }
}

export interface Stores {
  trackerStore: TrackerStore; lockStore: LockStore; nluCache: NluCacheSetup | undefined; keyring: Keyring | undefined;
  identityStore: IdentityStore; stateBus: StateBus;
}

/** Every store of a StoresConfig, composed; close trackerStore, lockStore, nluCache.cache, identityStore and stateBus on shutdown. */
export async function createStores(cfg: StoresConfig, opts: Omit<CreateStoreOptions, 'cache' | 'encryption'> = {}): Promise<Stores> {
  const keyring = encryptionKeyring({ ...opts, encryption: cfg.encryption });
  const base = await createBaseTrackerStore(cfg.trackerStore, opts);
  const identityStore = identityStoreFor(base);
  const trackerStore = await composeTrackerStore(base, cfg.trackerStore, { ...opts, cache: cfg.cache, encryption: cfg.encryption, ...(keyring ? { keyring } : {}) });
  const lockStore = await createLockStore(cfg.lockStore, withLogger(opts.logger));
  const nluCache = await createNluCache(cfg.nluCache, { ...withLogger(opts.logger), ...(keyring ? { keyring } : {}) });
  const stateBus = await createStateBus(cfg.stateBus, withLogger(opts.logger));
  return { trackerStore, lockStore, nluCache, keyring, identityStore, stateBus };
}

function resolvePath(path: string, opts: CreateStoreOptions): string {
  return isAbsolute(path) ? path : resolve(opts.baseDir ?? process.cwd(), path);
}

// reached only when unvalidated config slips through; `never` makes a missing case a compile error
function unknownType(kind: string, type: never): never {
  throw new ParleyError('CONFIG_INVALID', `unknown ${kind} type ${JSON.stringify(type)}`);
}
