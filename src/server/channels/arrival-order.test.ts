import { describe, expect, it } from 'vitest';
import { ArrivalOrder } from './arrival-order.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('ArrivalOrder', () => {
  it('admits a key\'s messages one after another, in arrival order, and other keys at once', async () => {
    const order = new ArrivalOrder();
    const admitted: string[] = [];
    const first = await order.admit('u');
    const second = order.admit('u').then((leave) => { admitted.push('u2'); return leave; });
    const third = order.admit('u').then((leave) => { admitted.push('u3'); return leave; });
    (await order.admit('v'))();
    await tick();
    expect(admitted).toEqual([]);
    first();
    first(); // leaving twice is harmless
    (await second)();
    (await third)();
    expect(admitted).toEqual(['u2', 'u3']);
    await tick();
    expect(order.size).toBe(0);
  });
});
