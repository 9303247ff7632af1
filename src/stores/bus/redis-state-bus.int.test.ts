// Two RedisStateBus instances (two processes) on the machine's Redis.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEAD_REDIS_URL, TEST_REDIS_URL } from '../../../test/support/redis.js';
import { runStateBusContract } from '../contracts/state-bus.contract.js';
import { RedisStateBus } from './redis-state-bus.js';

runStateBusContract('RedisStateBus', async () => {
  const keyPrefix = `parley-test:bus:${randomBytes(4).toString('hex')}:`;
  const a = await RedisStateBus.open({ url: TEST_REDIS_URL, keyPrefix });
  const b = await RedisStateBus.open({ url: TEST_REDIS_URL, keyPrefix });
  return {
    buses: [a, b],
    ready: async () => { await a.ready(); await b.ready(); },
    dispose: async () => { await a.close(); await b.close(); },
  };
});

describe('RedisStateBus without Redis', () => {
  it('delivers to local subscribers and never throws', async () => {
    const bus = await RedisStateBus.open({ url: DEAD_REDIS_URL });
    try {
      const got: string[] = [];
      bus.subscribe('c', (m) => got.push(m));
      await bus.publish('c', 'still here');
      expect(got).toEqual(['still here']);
    } finally {
      await bus.close();
    }
  });
});
