// Typed, strict configuration of the stores, composed into the app's config schema. Each store
// type is one member of a discriminated union, so an unknown `type` or key fails at start-up.
import { z } from 'zod';

/** Where `parley run` keeps its data, relative to the project directory. */
export const DEFAULT_EMBEDDED_DATA_DIR = '.parley/data';

export const trackerStoreConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory') }).strict(),
  z.object({
    type: z.literal('embedded'),
    /** relative paths are resolved against the project directory by the caller */
    dataDir: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
  }).strict(),
]);

export const lockStoreConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('memory'),
    waitTimeoutMs: z.number().int().positive().optional(),
  }).strict(),
]);

export const cacheConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('memory'),
    maxEntries: z.number().int().positive().optional(),
  }).strict(),
]);

export type TrackerStoreConfig = z.output<typeof trackerStoreConfigSchema>;
export type LockStoreConfig = z.output<typeof lockStoreConfigSchema>;
export type CacheConfig = z.output<typeof cacheConfigSchema>;

/** `parley run` without configuration: durable, no servers needed. */
export const DEFAULT_TRACKER_STORE_CONFIG: TrackerStoreConfig = { type: 'embedded', dataDir: DEFAULT_EMBEDDED_DATA_DIR };
export const DEFAULT_LOCK_STORE_CONFIG: LockStoreConfig = { type: 'memory' };
export const DEFAULT_CACHE_CONFIG: CacheConfig = { type: 'memory' };
