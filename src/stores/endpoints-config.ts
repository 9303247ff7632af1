// Rasa's endpoints.yml store sections (tracker_store, lock_store) plus Parley's own `parley:`
// section (cache, nlu_cache, encryption) → a validated StoresConfig. Every unknown type or key
// is a CONFIG_INVALID naming it; a Rasa store Parley does not have is an error, never memory.
import { resolve } from 'node:path';
import { ParleyError } from '../errors.js';
import { DEFAULT_EMBEDDED_DATA_DIR, storesConfigSchema, type StoresConfig } from './config-schema.js';

export interface EndpointsStoreOptions {
  /** the project directory, for a relative embedded data_dir */
  projectDir: string;
  /** `--store` / `--data-dir` flags override the tracker_store section */
  flags?: { store?: string; dataDir?: string };
  env?: NodeJS.ProcessEnv;
  warn?: (message: string) => void;
}

type Section = Record<string, unknown>;

function invalid(message: string): never {
  throw new ParleyError('CONFIG_INVALID', `endpoints.yml: ${message}`);
}

function section(value: unknown, where: string): Section | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) invalid(`${where} must be a mapping`);
  return value as Section;
}

function checkKeys(s: Section, where: string, allowed: readonly string[]): void {
  for (const key of Object.keys(s)) if (!allowed.includes(key)) invalid(`unknown key "${where}.${key}" (known: ${allowed.join(', ')})`);
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown, where: string): number | undefined => {
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : invalid(`${where} must be a number, got ${JSON.stringify(v)}`);
};
const defined = <T extends Section>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const SQL_KEYS = ['type', 'dialect', 'url', 'host', 'port', 'db', 'username', 'password', 'login_db', 'query', 'pool_size', 'schema', 'max_events_per_conversation', 'retry_attempts'];

/** Rasa's SQL `url` is a host name; a full postgres:// URL is accepted as well. */
function postgresUrl(s: Section): string {
  const url = str(s['url']);
  if (url && /^postgres(ql)?:\/\//.test(url)) return url;
  const host = str(s['host']) ?? url ?? 'localhost';
  const user = str(s['username']);
  const password = str(s['password']);
  const auth = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const query = section(s['query'], 'tracker_store.query');
  const qs = query ? `?${new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]))).toString()}` : '';
  return `postgresql://${auth}${host}:${num(s['port'], 'tracker_store.port') ?? 5432}/${encodeURIComponent(str(s['db']) ?? 'rasa')}${qs}`;
}

function trackerStore(s: Section | undefined, opts: EndpointsStoreOptions): Section {
  const raw = opts.flags?.store ?? str(s?.['type']) ?? 'embedded';
  const type = raw.toLowerCase();
  if (['memory', 'in_memory', 'inmemorytrackerstore'].includes(type)) {
    if (s && !opts.flags?.store) checkKeys(s, 'tracker_store', ['type']);
    return { type: 'memory' };
  }
  if (type === 'embedded') {
    if (s && !opts.flags?.store) checkKeys(s, 'tracker_store', ['type', 'data_dir']);
    return { type: 'embedded', dataDir: resolve(opts.projectDir, opts.flags?.dataDir ?? str(s?.['data_dir']) ?? DEFAULT_EMBEDDED_DATA_DIR) };
  }
  if (['sql', 'sqltrackerstore', 'postgres', 'postgresql'].includes(type) && s) {
    checkKeys(s, 'tracker_store', SQL_KEYS);
    const dialect = str(s['dialect'])?.toLowerCase() ?? 'postgresql';
    if (!['postgresql', 'postgres'].includes(dialect)) invalid(`tracker_store.dialect "${dialect}" is not supported (supported: postgresql)`);
    if (s['login_db'] !== undefined) opts.warn?.('endpoints.yml: tracker_store.login_db is ignored: the database must exist');
    return defined({
      type: 'postgres', url: postgresUrl(s), poolSize: num(s['pool_size'], 'tracker_store.pool_size'), schema: str(s['schema']),
      maxEventsPerConversation: num(s['max_events_per_conversation'], 'tracker_store.max_events_per_conversation'),
      ...(s['retry_attempts'] !== undefined ? { retry: { attempts: num(s['retry_attempts'], 'tracker_store.retry_attempts') } } : {}),
    });
  }
  if (type === 'redis' || type === 'redistrackerstore') {
    invalid('tracker_store type "redis" is not supported as the durable store: use type sql (PostgreSQL) and put Redis in front of it with parley: { cache: { type: redis, url: ... } }');
  }
  return invalid(`tracker_store type "${raw}" is not supported (supported: memory, embedded, sql with dialect postgresql)`);
}

function redisUrlOf(s: Section, where: string): string {
  const url = str(s['url']);
  if (url && /^rediss?:\/\//.test(url)) return url;
  const host = str(s['host']) ?? url ?? 'localhost';
  const password = str(s['password']);
  const scheme = s['use_ssl'] === true ? 'rediss' : 'redis';
  return `${scheme}://${password ? `:${encodeURIComponent(password)}@` : ''}${host}:${num(s['port'], `${where}.port`) ?? 6379}/${num(s['db'], `${where}.db`) ?? 0}`;
}

function lockStore(s: Section | undefined, env: NodeJS.ProcessEnv): Section {
  const type = (str(s?.['type']) ?? 'memory').toLowerCase();
  if (['memory', 'in_memory', 'inmemorylockstore'].includes(type)) {
    if (s) checkKeys(s, 'lock_store', ['type', 'wait_timeout_ms']);
    return defined({ type: 'memory', waitTimeoutMs: num(s?.['wait_timeout_ms'], 'lock_store.wait_timeout_ms') });
  }
  if ((type === 'redis' || type === 'redislockstore') && s) {
    checkKeys(s, 'lock_store', ['type', 'url', 'host', 'port', 'db', 'password', 'use_ssl', 'key_prefix', 'socket_timeout', 'lifetime_seconds', 'policy', 'wait_timeout_ms', 'when_unavailable']);
    return defined({
      type: 'redis', url: redisUrlOf(s, 'lock_store'), keyPrefix: str(s['key_prefix']),
      lifetimeSeconds: num(s['lifetime_seconds'] ?? env['TICKET_LOCK_LIFETIME'], 'lock_store.lifetime_seconds'),
      policy: str(s['policy']), waitTimeoutMs: num(s['wait_timeout_ms'], 'lock_store.wait_timeout_ms'), whenUnavailable: str(s['when_unavailable']),
    });
  }
  return invalid(`lock_store type "${type}" is not supported (supported: memory, redis)`);
}

function redisCache(s: Section | undefined, where: string, extra: readonly string[]): Section {
  if (!s) return { type: 'none' };
  const type = (str(s['type']) ?? 'none').toLowerCase();
  if (type === 'none') { checkKeys(s, where, ['type']); return { type: 'none' }; }
  if (type === 'memory' && extra.includes('max_entries')) {
    checkKeys(s, where, ['type', 'max_entries', 'ttl_seconds']);
    return defined({ type: 'memory', maxEntries: num(s['max_entries'], `${where}.max_entries`), ttlSeconds: num(s['ttl_seconds'], `${where}.ttl_seconds`) });
  }
  if (type !== 'redis') invalid(`${where} type "${type}" is not supported`);
  checkKeys(s, where, ['type', 'url', 'host', 'port', 'db', 'password', 'use_ssl', 'key_prefix', 'ttl_seconds', 'timeout_ms']);
  return defined({
    type: 'redis', url: redisUrlOf(s, where), keyPrefix: str(s['key_prefix']),
    ttlSeconds: num(s['ttl_seconds'], `${where}.ttl_seconds`), timeoutMs: num(s['timeout_ms'], `${where}.timeout_ms`),
  });
}

function encryption(s: Section | undefined): Section {
  if (!s) return {};
  checkKeys(s, 'parley.encryption', ['sensitive_slots', 'sensitive_entities']);
  return defined({ sensitiveSlots: s['sensitive_slots'], sensitiveEntities: s['sensitive_entities'] });
}

// explicit `parley: state_bus:`, else the Redis the lock store or the snapshot cache uses (several
// processes sharing Redis for those also share conversations, so they must share state changes)
function stateBus(s: Section | undefined, lock: Section, cache: Section): Section {
  if (s) {
    checkKeys(s, 'parley.state_bus', ['type', 'url', 'host', 'port', 'db', 'password', 'use_ssl', 'key_prefix']);
    const type = str(s['type'])?.toLowerCase() ?? 'redis';
    if (type === 'memory') return { type: 'memory' };
    if (type !== 'redis') invalid(`parley.state_bus type "${type}" is not supported (supported: memory, redis)`);
    return defined({ type: 'redis', url: redisUrlOf(s, 'parley.state_bus'), keyPrefix: str(s['key_prefix']) });
  }
  const url = lock['type'] === 'redis' ? lock['url'] : cache['type'] === 'redis' ? cache['url'] : undefined;
  return typeof url === 'string' ? { type: 'redis', url } : { type: 'memory' };
}

export function storesConfigFromEndpoints(endpoints: Record<string, unknown> | null, opts: EndpointsStoreOptions): StoresConfig {
  const env = opts.env ?? process.env;
  const parley = section(endpoints?.['parley'], 'parley');
  if (parley) checkKeys(parley, 'parley', ['cache', 'nlu_cache', 'encryption', 'state_bus', 'actions']);
  const lock = lockStore(section(endpoints?.['lock_store'], 'lock_store'), env);
  const cache = redisCache(section(parley?.['cache'], 'parley.cache'), 'parley.cache', []);
  const input = {
    trackerStore: trackerStore(section(endpoints?.['tracker_store'], 'tracker_store'), opts),
    lockStore: lock,
    cache,
    stateBus: stateBus(section(parley?.['state_bus'], 'parley.state_bus'), lock, cache),
    nluCache: redisCache(section(parley?.['nlu_cache'], 'parley.nlu_cache'), 'parley.nlu_cache', ['max_entries']),
    encryption: encryption(section(parley?.['encryption'], 'parley.encryption')),
  };
  const result = storesConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    invalid(problems);
  }
  return result.data;
}
