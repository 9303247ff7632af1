// The ticket lock's Redis layout and its atomic steps, as Lua scripts. Per conversation: a
// counter issues tickets, a list holds them in issue (= arrival) order, and every live ticket
// has a key with a lifetime that its process renews, holding its owner's token; a ticket whose
// key expired (its process died) is skipped when it reaches the head.
import { LuaScript } from './lua-script.js';

export interface LockKeys { counter: string; queue: string; ticketPrefix: string; channel: string }

export function lockKeys(keyPrefix: string, conversationId: string): LockKeys {
  const base = `${keyPrefix}lock:${conversationId}`;
  return { counter: `${base}:n`, queue: `${base}:q`, ticketPrefix: `${base}:t:`, channel: `${keyPrefix}lock:released` };
}

// pops dead tickets off the head of the queue KEYS[q]; ARGV[tp] = ticket key prefix
const DROP_DEAD_HEADS = (q: string, tp: string) => `
while true do
  local head = redis.call('LINDEX', ${q}, 0)
  if not head then break end
  if redis.call('EXISTS', ${tp} .. head) == 1 then break end
  redis.call('LPOP', ${q})
end`;

/** KEYS counter, queue; ARGV lifetimeMs, policy, ticketPrefix, owner token → ticket, or -1 when rejected (busy) */
export const ISSUE = new LuaScript(`${DROP_DEAD_HEADS('KEYS[2]', 'ARGV[3]')}
if ARGV[2] == 'reject' and redis.call('LLEN', KEYS[2]) > 0 then return -1 end
local t = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], t)
redis.call('SET', ARGV[3] .. t, ARGV[4], 'PX', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1] * 10)
redis.call('PEXPIRE', KEYS[2], ARGV[1] * 10)
return t`);

/** KEYS queue; ARGV ticket, ticketPrefix → 1 granted, 0 wait, -1 ticket lost (expired) */
export const POLL = new LuaScript(`
if redis.call('EXISTS', ARGV[2] .. ARGV[1]) == 0 then return -1 end
${DROP_DEAD_HEADS('KEYS[1]', 'ARGV[2]')}
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return -1 end
if head == ARGV[1] then return 1 end
return 0`);

/** KEYS counter, queue; ARGV ticket, ticketPrefix, lifetimeMs → 1 renewed, 0 the ticket had expired */
export const RENEW = new LuaScript(`
if redis.call('PEXPIRE', ARGV[2] .. ARGV[1], ARGV[3]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[3] * 10)
redis.call('PEXPIRE', KEYS[2], ARGV[3] * 10)
return 1`);

/** KEYS queue; ARGV ticket, ticketPrefix, channel, conversationId */
export const RELEASE = new LuaScript(`
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('DEL', ARGV[2] .. ARGV[1])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`);

/**
 * KEYS queue; ARGV owner token, ticketPrefix, channel, conversationId → 1 released, 0 none.
 * For an ISSUE whose reply was lost: the caller never learnt its ticket, only its token.
 */
export const RELEASE_OWNED = new LuaScript(`
for _, t in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if redis.call('GET', ARGV[2] .. t) == ARGV[1] then
    redis.call('LREM', KEYS[1], 1, t)
    redis.call('DEL', ARGV[2] .. t)
    redis.call('PUBLISH', ARGV[3], ARGV[4])
    return 1
  end
end
return 0`);
