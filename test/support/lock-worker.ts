// A child process for the cross-process lock test: takes the lock of one conversation
// `turns` times (a few at once, so in-process queueing is exercised too) and records, inside
// the lock, "enter"/"exit" with the ticket at the head of the queue into a shared Redis list.
//   node --import tsx test/support/lock-worker.ts <redisUrl> <keyPrefix> <conversation> <turns> <listKey>
import { Redis } from 'ioredis';
import { lockKeys } from '../../src/stores/redis/lock-scripts.js';
import { RedisLockStore } from '../../src/stores/redis/redis-lock-store.js';

const [url = '', keyPrefix = '', conversation = '', turnsArg = '10', listKey = ''] = process.argv.slice(2);
const turns = Number(turnsArg);
const locks = await RedisLockStore.open({ url, keyPrefix, lifetimeSeconds: 10, whenUnavailable: 'fail' });
const redis = new Redis(url);
const { queue } = lockKeys(keyPrefix, conversation);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const turn = () => locks.withLock(conversation, async () => {
  const ticket = await redis.lindex(queue, 0);
  await redis.rpush(listKey, `enter:${process.pid}:${ticket}`);
  await sleep(Math.random() * 2);
  await redis.rpush(listKey, `exit:${process.pid}:${ticket}`);
});

const inFlight = 3;
await Promise.all(Array.from({ length: inFlight }, async (_, w) => {
  for (let i = w; i < turns; i += inFlight) await turn();
}));
await locks.close();
redis.disconnect();
