// SnapshotCache over Redis: one hash per conversation {seq, base, events}. The seq rules run
// as Lua scripts, so they are atomic however many processes write; `events` is a JSON array
// extended by string splicing, without decoding it in Redis.
import type { Redis } from 'ioredis';
import type { Event } from '../../core/index.js';
import type { SnapshotCache } from '../snapshot-cache.js';
import type { StoredConversation } from '../tracker-store.js';
import { LuaScript } from './lua-script.js';

// KEYS[1] snapshot; ARGV seq, base, events, ttl, force
const PUT = new LuaScript(`
local cur = redis.call('HGET', KEYS[1], 'seq')
if ARGV[5] ~= '1' and cur and tonumber(cur) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'base', ARGV[2], 'events', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`);

// KEYS[1] snapshot; ARGV expectedSeq, newSeq, events to add ('' = marker only), ttl
const ADVANCE = new LuaScript(`
local cur = redis.call('HGET', KEYS[1], 'seq')
local old = redis.call('HGET', KEYS[1], 'events')
if cur and old and ARGV[3] ~= '' and tonumber(cur) == tonumber(ARGV[1]) then
  local merged = ARGV[3]
  if old ~= '[]' then merged = string.sub(old, 1, -2) .. ',' .. string.sub(ARGV[3], 2) end
  redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'events', merged)
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  return 1
end
local marker = tonumber(ARGV[2])
if cur and tonumber(cur) > marker then marker = tonumber(cur) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'seq', marker)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 0`);

export interface RedisSnapshotCacheOptions {
  keyPrefix?: string;
  /** default 600 s */
  ttlSeconds?: number;
}

export class RedisSnapshotCache implements SnapshotCache {
  private readonly prefix: string;
  private readonly ttl: number;

  constructor(readonly redis: Redis, opts: RedisSnapshotCacheOptions = {}) {
    this.prefix = `${opts.keyPrefix ?? 'parley:'}tracker:`;
    this.ttl = Math.max(1, Math.round(opts.ttlSeconds ?? 600));
  }

  /** ioredis fails a command after commandTimeout, queued or sent, when it has one */
  get callTimeoutMs(): number | undefined {
    const timeout = this.redis.options.commandTimeout;
    return typeof timeout === 'number' && timeout > 0 ? timeout : undefined;
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    const [seq, base, events] = await this.redis.hmget(this.prefix + id, 'seq', 'base', 'events');
    if (seq == null || base == null || events == null) return undefined;
    return { events: JSON.parse(events) as Event[], seq: Number(seq), baseSeq: Number(base) };
  }

  async put(id: string, snap: StoredConversation, opts: { force?: boolean } = {}): Promise<void> {
    await PUT.run(this.redis, [this.prefix + id], [snap.seq, snap.baseSeq, JSON.stringify(snap.events), this.ttl, opts.force ? '1' : '0']);
  }

  async advance(id: string, expectedSeq: number, newSeq: number, eventsJson: string | undefined): Promise<void> {
    await ADVANCE.run(this.redis, [this.prefix + id], [expectedSeq, newSeq, eventsJson ?? '', this.ttl]);
  }

  async drop(id: string): Promise<void> {
    await this.redis.del(this.prefix + id);
  }

  async close(): Promise<void> {
    // the connection belongs to whoever made it (see CachedTrackerStore's onClose)
  }
}
