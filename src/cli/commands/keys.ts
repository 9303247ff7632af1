// `parley keys rotate`: re-encrypts every sensitive value stored under an older key with the
// newest key of PARLEY_ENCRYPTION_KEYS, then forgets cached snapshots of the rewritten
// conversations, so the old key can be removed from the environment afterwards.
import { join, resolve } from 'node:path';
import { ParleyError } from '../../errors.js';
import { createBaseTrackerStore } from '../../stores/create-stores.js';
import { Keyring } from '../../stores/encryption/keyring.js';
import { rotateKeys } from '../../stores/encryption/rotate-keys.js';
import { storesConfigFromEndpoints } from '../../stores/endpoints-config.js';
import { closeRedis, connectRedis, openRedis } from '../../stores/redis/redis-connection.js';
import { RedisSnapshotCache } from '../../stores/redis/redis-snapshot-cache.js';
import { isEventRewriter } from '../../stores/tracker-store.js';
import { readYamlMapping } from '../endpoint-files.js';

export async function keysRotateCommand(flags: { project: string; endpoints?: string }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const root = resolve(flags.project);
  const keyring = Keyring.fromEnv(env);
  if (!keyring) throw new ParleyError('CONFIG_INVALID', 'set PARLEY_ENCRYPTION_KEYS="old:<base64>,new:<base64>" (newest last) to rotate keys');
  const endpoints = readYamlMapping(flags.endpoints ? resolve(flags.endpoints) : join(root, 'endpoints.yml'), env);
  const cfg = storesConfigFromEndpoints(endpoints, { projectDir: root, env, warn: (m) => console.warn(`warning: ${m}`) });
  const store = await createBaseTrackerStore(cfg.trackerStore, { baseDir: root });
  const redis = cfg.cache.type === 'redis' ? openRedis({ url: cfg.cache.url, commandTimeoutMs: 2000, role: 'keys-rotate' }) : undefined;
  try {
    if (!isEventRewriter(store)) throw new ParleyError('CONFIG_INVALID', `the ${cfg.trackerStore.type} tracker store cannot be re-encrypted in place`);
    if (redis) await connectRedis(redis, 2000);
    const snapshots = redis && cfg.cache.type === 'redis' ? new RedisSnapshotCache(redis, { keyPrefix: cfg.cache.keyPrefix }) : undefined;
    const report = await rotateKeys(store, keyring, { onConversation: async (id) => { await snapshots?.drop(id); } });
    console.log(`re-encrypted ${report.events} event(s) in ${report.conversations} conversation(s) with key ${keyring.newestId}`);
  } finally {
    await store.close();
    if (redis) await closeRedis(redis);
  }
}
