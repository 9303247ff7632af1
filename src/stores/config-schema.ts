// Typed, strict configuration of the stores, composed into the app's config schema. Each store
// type is one member of a discriminated union, so an unknown `type` or key fails at start-up.
import { z } from 'zod';

/** Where `parley run` keeps its data, relative to the project directory. */
export const DEFAULT_EMBEDDED_DATA_DIR = '.parley/data';

const redisUrl = z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL');
const keyPrefix = z.string().min(1).default('parley:');

// The defaults ride out a PostgreSQL restart or failover of about a second (backoff ceilings
// 100 + 200 + 400 + 800 ms); a longer outage gets the friendly error text.
export const retryConfigSchema = z.object({
  attempts: z.number().int().min(1).max(10).default(5),
  baseDelayMs: z.number().int().min(0).default(100),
  maxDelayMs: z.number().int().min(0).default(1000),
}).strict();

export const trackerStoreConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory') }).strict(),
  z.object({
    type: z.literal('embedded'),
    /** relative paths are resolved against the project directory by the caller */
    dataDir: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
  }).strict(),
  z.object({
    type: z.literal('postgres'),
    url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
    poolSize: z.number().int().positive().default(10),
    schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/).optional(),
    maxEventsPerConversation: z.number().int().min(10).optional(),
    retry: retryConfigSchema.default({ attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }),
  }).strict(),
]);

/** The tracker snapshot cache in front of the tracker store. */
export const trackerCacheConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({
    type: z.literal('redis'),
    url: redisUrl,
    ttlSeconds: z.number().int().positive().default(600),
    timeoutMs: z.number().int().positive().default(50),
    keyPrefix,
  }).strict(),
]);

export const lockStoreConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('memory'),
    waitTimeoutMs: z.number().int().positive().optional(),
  }).strict(),
  z.object({
    type: z.literal('redis'),
    url: redisUrl,
    lifetimeSeconds: z.number().positive().default(60),
    policy: z.enum(['enqueue', 'reject']).default('enqueue'),
    waitTimeoutMs: z.number().int().positive().optional(),
    whenUnavailable: z.enum(['local', 'fail']).default('local'),
    keyPrefix,
  }).strict(),
]);

/** A general key-value cache (the NLU result cache). */
export const cacheConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('memory'),
    maxEntries: z.number().int().positive().optional(),
  }).strict(),
  z.object({
    type: z.literal('redis'),
    url: redisUrl,
    timeoutMs: z.number().int().positive().default(50),
    keyPrefix,
  }).strict(),
]);

export const nluCacheConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('memory'), maxEntries: z.number().int().positive().optional(), ttlSeconds: z.number().int().positive().default(60) }).strict(),
  z.object({
    type: z.literal('redis'), url: redisUrl, timeoutMs: z.number().int().positive().default(50), keyPrefix,
    ttlSeconds: z.number().int().positive().default(60),
  }).strict(),
]);

/** Where state changes are fanned out: this process only, or every process sharing Redis pub/sub. */
export const stateBusConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory') }).strict(),
  z.object({ type: z.literal('redis'), url: redisUrl, keyPrefix }).strict(),
]);

/** Names whose values are sealed at rest; the keys come from the environment (PARLEY_ENCRYPTION_KEYS). */
export const encryptionConfigSchema = z.object({
  sensitiveSlots: z.array(z.string().min(1)).default([]),
  sensitiveEntities: z.array(z.string().min(1)).default([]),
}).strict();

export const storesConfigSchema = z.object({
  trackerStore: trackerStoreConfigSchema.default({ type: 'embedded', dataDir: DEFAULT_EMBEDDED_DATA_DIR }),
  cache: trackerCacheConfigSchema.default({ type: 'none' }),
  lockStore: lockStoreConfigSchema.default({ type: 'memory' }),
  nluCache: nluCacheConfigSchema.default({ type: 'none' }),
  encryption: encryptionConfigSchema.default({ sensitiveSlots: [], sensitiveEntities: [] }),
  stateBus: stateBusConfigSchema.default({ type: 'memory' }),
}).strict();

export type TrackerStoreConfig = z.output<typeof trackerStoreConfigSchema>;
export type TrackerCacheConfig = z.output<typeof trackerCacheConfigSchema>;
export type LockStoreConfig = z.output<typeof lockStoreConfigSchema>;
export type CacheConfig = z.output<typeof cacheConfigSchema>;
export type NluCacheConfig = z.output<typeof nluCacheConfigSchema>;
export type EncryptionStoreConfig = z.output<typeof encryptionConfigSchema>;
export type StateBusConfig = z.output<typeof stateBusConfigSchema>;
export type StoresConfig = z.output<typeof storesConfigSchema>;

/** `parley run` without configuration: durable, no servers needed. */
export const DEFAULT_TRACKER_STORE_CONFIG: TrackerStoreConfig = { type: 'embedded', dataDir: DEFAULT_EMBEDDED_DATA_DIR };
export const DEFAULT_LOCK_STORE_CONFIG: LockStoreConfig = { type: 'memory' };
export const DEFAULT_CACHE_CONFIG: CacheConfig = { type: 'memory' };
