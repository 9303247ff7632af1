// The behaviour every StateBus implementation shares.
import { describe, expect, it } from 'vitest';
import type { StateBus } from '../bus/state-bus.js';

export interface StateBusFixture { buses: [StateBus, StateBus]; ready: () => Promise<void>; dispose: () => Promise<void> }

const waitFor = async (check: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** `open` gives two buses: the same one twice (one process) or two sharing a backend (two processes). */
export function runStateBusContract(name: string, open: () => Promise<StateBusFixture>): void {
  describe(`${name} (StateBus contract)`, () => {
    it('delivers each message once to every subscriber of the conversation, in order, and only to them', async () => {
      const { buses: [a, b], ready, dispose } = await open();
      try {
        const onA: string[] = [];
        const onB: string[] = [];
        const other: string[] = [];
        a.subscribe('c1', (m) => onA.push(m));
        b.subscribe('c1', (m) => onB.push(m));
        b.subscribe('c2', (m) => other.push(m));
        await ready();
        for (const m of ['1', '2', '3']) await b.publish('c1', m);
        await waitFor(() => onA.length === 3 && onB.length === 3);
        expect(onA).toEqual(['1', '2', '3']);
        expect(onB).toEqual(['1', '2', '3']);
        expect(other).toEqual([]);
      } finally {
        await dispose();
      }
    });

    it('stops delivering after unsubscribe; a throwing listener does not stop the others', async () => {
      const { buses: [a, b], ready, dispose } = await open();
      try {
        const got: string[] = [];
        const off = a.subscribe('c3', (m) => got.push(m));
        a.subscribe('c3', () => { throw new Error('listener bug'); });
        await ready();
        await b.publish('c3', 'x');
        await waitFor(() => got.length === 1);
        off();
        await b.publish('c3', 'y');
        await new Promise((r) => setTimeout(r, 100));
        expect(got).toEqual(['x']);
      } finally {
        await dispose();
      }
    });
  });
}
