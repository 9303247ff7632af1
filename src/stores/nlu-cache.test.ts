import { describe, expect, it } from 'vitest';
import type { ParseData } from '../core/index.js';
import type { Cache } from './cache.js';
import { MemoryCache } from './memory/memory-cache.js';
import { cachedParse, normaliseText } from './nlu-cache.js';

function countingParser() {
  const calls: string[] = [];
  const parse = async (text: string, opts: { messageId?: string } = {}): Promise<ParseData> => {
    calls.push(text);
    const entities = /\d+/.test(text) ? [{ entity: 'n', value: text.match(/\d+/)?.[0], start: text.search(/\d/), end: text.search(/\d/) + 1 }] : [];
    return { text, intent: { name: `i:${text.trim().toLowerCase()}`, confidence: 0.9 }, entities, ...(opts.messageId ? { message_id: opts.messageId } : {}) };
  };
  return { parse, calls };
}

describe('cachedParse', () => {
  it('normalises text', () => {
    expect(normaliseText('  Ｈｉ \t  THERE\n')).toBe('hi there');
  });

  it('answers repeated and equivalent messages from the cache, with their own message id', async () => {
    const { parse, calls } = countingParser();
    const cached = cachedParse(new MemoryCache(), 'fp1', parse);
    const first = await cached('Hi there', { messageId: 'm1' });
    const second = await cached('  hi   THERE ', { messageId: 'm2' });
    expect(calls).toEqual(['Hi there']);
    expect(second).toEqual({ ...first, text: '  hi   THERE ', message_id: 'm2' });
    expect(cached.stats).toEqual({ hits: 1, misses: 1, errors: 0 });
    // another model fingerprint does not share results
    await cachedParse(new MemoryCache(), 'fp2', parse)('Hi there');
    expect(calls).toHaveLength(2);
  });

  it('serves results with entities only for the identical text (offsets)', async () => {
    const { parse, calls } = countingParser();
    const cached = cachedParse(new MemoryCache(), 'fp', parse);
    await cached('order 2');
    await cached('order 2');
    await cached(' order 2');
    expect(calls).toEqual(['order 2', ' order 2']);
  });

  it('keeps plaintext out of keys and, with a sealer, out of values', async () => {
    const store = new Map<string, string>();
    const cache: Cache = { get: async (k) => store.get(k), set: async (k, v) => { store.set(k, v); }, close: async () => undefined };
    const { parse } = countingParser();
    await cachedParse(cache, 'fp', parse)('call 13812345678');
    expect([...store.keys()].join()).not.toContain('13812345678');
    store.clear();
    const sealer = { keyDigest: (t: string) => `h(${t.length})`, seal: (p: string) => Buffer.from(p).toString('base64'), unseal: (s: string) => Buffer.from(s, 'base64').toString() };
    const sealed = cachedParse(cache, 'fp', parse, { sealer });
    await sealed('call 13812345678');
    expect([...store.values()].join()).not.toContain('13812345678');
    expect((await sealed('call 13812345678')).entities[0]?.value).toBe('13812345678');
    expect(sealed.stats.hits).toBe(1);
  });

  it('treats a failing cache as a miss', async () => {
    const broken: Cache = { get: async () => { throw new Error('down'); }, set: async () => { throw new Error('down'); }, close: async () => undefined };
    const { parse } = countingParser();
    const cached = cachedParse(broken, 'fp', parse);
    expect((await cached('hi')).intent?.name).toBe('i:hi');
    expect(cached.stats).toEqual({ hits: 0, misses: 1, errors: 2 });
  });
});
