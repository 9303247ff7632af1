// The Agent parses a message while its turn waits for the conversation's lock.
import { describe, expect, it } from 'vitest';
import { ParleyAgent } from '../src/agent.js';
import type { ParseOptions } from '../src/nlu/index.js';
import { MemoryLockStore } from '../src/stores/memory/memory-lock-store.js';
import { MemoryTrackerStore } from '../src/stores/memory/memory-tracker-store.js';
import { examplePath, trainedModel } from './support/example-server.js';

describe('ParleyAgent.handleMessage', () => {
  it('parses while the turn waits for the lock, and still answers in arrival order', async () => {
    const model = await trainedModel(examplePath('order-zh'));
    const parsed: string[] = [];
    const lockStore = new MemoryLockStore();
    const agent = new ParleyAgent({
      model, trackerStore: new MemoryTrackerStore(), lockStore,
      parse: (text: string, o?: ParseOptions) => { parsed.push(text); return model.nlu.parse(text, o); },
    });
    let release = (): void => undefined;
    const held = lockStore.withLock('c', () => new Promise<void>((r) => { release = r; }));
    const first = agent.handleMessage({ senderId: 'c', text: '你好' });
    const second = agent.handleMessage({ senderId: 'c', text: '我要两份牛肉套餐' });
    await new Promise((r) => setTimeout(r, 50));
    expect(parsed).toEqual(['你好', '我要两份牛肉套餐']); // both parsed, neither turn has the lock yet
    release();
    await held;
    const [a, b] = await Promise.all([first, second]);
    expect(a.intent).toBe('greet');
    expect(b.intent).toBe('order_meal');
    const tracker = await agent.tracker('c');
    expect((tracker.events ?? []).filter((e) => e.event === 'user').map((e) => (e as { text: string }).text)).toEqual(['你好', '我要两份牛肉套餐']);
    await agent.close();
  });
});
