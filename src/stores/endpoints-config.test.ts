import { describe, expect, it } from 'vitest';
import { storesConfigSchema } from './config-schema.js';
import { storesConfigFromEndpoints } from './endpoints-config.js';

const opts = { projectDir: '/proj', env: {} };

describe('storesConfigFromEndpoints', () => {
  it('defaults to the embedded store, memory lock, no caches', () => {
    expect(storesConfigFromEndpoints(null, opts)).toEqual({
      trackerStore: { type: 'embedded', dataDir: '/proj/.parley/data' }, lockStore: { type: 'memory' },
      cache: { type: 'none' }, nluCache: { type: 'none' }, encryption: { sensitiveSlots: [], sensitiveEntities: [] }, stateBus: { type: 'memory' },
    });
  });

  it('maps Rasa sql/redis sections and the parley section', () => {
    const cfg = storesConfigFromEndpoints({
      tracker_store: { type: 'SQL', dialect: 'postgresql', url: 'db.internal', port: 5433, db: 'bot', username: 'u', password: 'p@ss', max_events_per_conversation: 5000 },
      lock_store: { type: 'redis', url: 'cache.internal', port: 6380, db: 2, password: 'pw', key_prefix: 'bot:' },
      parley: {
        cache: { type: 'redis', url: 'redis://127.0.0.1:6379/0', ttl_seconds: 300 },
        nlu_cache: { type: 'memory' },
        encryption: { sensitive_slots: ['phone', 'address'], sensitive_entities: ['phone'] },
      },
    }, { ...opts, env: { TICKET_LOCK_LIFETIME: '30' } });
    expect(cfg.trackerStore).toEqual({ type: 'postgres', url: 'postgresql://u:p%40ss@db.internal:5433/bot', poolSize: 10, maxEventsPerConversation: 5000, retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 } });
    expect(cfg.lockStore).toEqual({ type: 'redis', url: 'redis://:pw@cache.internal:6380/2', keyPrefix: 'bot:', lifetimeSeconds: 30, policy: 'enqueue', whenUnavailable: 'local' });
    expect(cfg.cache).toEqual({ type: 'redis', url: 'redis://127.0.0.1:6379/0', ttlSeconds: 300, timeoutMs: 50, keyPrefix: 'parley:' });
    expect(cfg.nluCache).toEqual({ type: 'memory', ttlSeconds: 60 });
    expect(cfg.encryption).toEqual({ sensitiveSlots: ['phone', 'address'], sensitiveEntities: ['phone'] });
    expect(storesConfigFromEndpoints({ tracker_store: { type: 'sql', url: 'postgres://x@h/db' } }, opts).trackerStore).toMatchObject({ url: 'postgres://x@h/db' });
  });

  it('lets --store override the section', () => {
    expect(storesConfigFromEndpoints({ tracker_store: { type: 'sql', url: 'h' } }, { ...opts, flags: { store: 'memory' } }).trackerStore).toEqual({ type: 'memory' });
  });

  it.each([
    [{ tracker_store: { type: 'mongod' } }, /tracker_store type "mongod"/],
    [{ tracker_store: { type: 'redis', url: 'h' } }, /not supported as the durable store/],
    [{ tracker_store: { type: 'sql', dialect: 'sqlite' } }, /dialect "sqlite"/],
    [{ tracker_store: { type: 'sql', url: 'h', colour: 'x' } }, /unknown key "tracker_store.colour"/],
    [{ lock_store: { type: 'concurrent_redis' } }, /lock_store type/],
    [{ lock_store: { type: 'redis', url: 'h', policy: 'drop' } }, /lockStore.policy/],
    [{ parley: { cache: { type: 'memcached' } } }, /parley.cache type "memcached"/],
    [{ parley: { nlu_cache: { type: 'redis', url: 'h', ttl: 5 } } }, /unknown key "parley.nlu_cache.ttl"/],
    [{ parley: { encryption: { sensitive_slot: ['x'] } } }, /unknown key "parley.encryption.sensitive_slot"/],
    [{ parley: { broker: {} } }, /unknown key "parley.broker"/],
  ])('refuses %j', (endpoints, message) => {
    expect(() => storesConfigFromEndpoints(endpoints, opts)).toThrow(message);
  });

  it('validates strictly', () => {
    expect(storesConfigSchema.safeParse({ trackerStore: { type: 'postgres', url: 'mysql://x' } }).success).toBe(false);
    expect(storesConfigSchema.safeParse({ cache: { type: 'redis', url: 'redis://h', extra: 1 } }).success).toBe(false);
    expect(storesConfigSchema.safeParse({ surprise: 1 }).success).toBe(false);
  });
});
