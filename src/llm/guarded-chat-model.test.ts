import { describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest, ChatResult } from './chat-model.js';
import { GuardedChatModel } from './guarded-chat-model.js';
import { LlmFailure } from './llm-failure.js';

const ok: ChatResult = { text: 'ok', usage: { prompt_tokens: 3, completion_tokens: 2 } };
const req: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };
const never: ChatModel = { complete: () => new Promise<ChatResult>(() => {}) }; // ignores its signal
const kindOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: unknown) => (e instanceof LlmFailure ? e.kind : 'other'));

describe('GuardedChatModel', () => {
  it('times out even when the wrapped model ignores the signal, and honours a tighter per-call timeout', async () => {
    const m = new GuardedChatModel(never, { timeoutMs: 80 });
    const t0 = performance.now();
    expect(await kindOf(m.complete(req, new AbortController().signal))).toBe('timeout');
    expect(await kindOf(m.complete({ ...req, timeoutMs: 10 }, new AbortController().signal))).toBe('timeout');
    expect(performance.now() - t0).toBeLessThan(200);
    expect(m.stats()).toMatchObject({ calls: 2, timeouts: 2 });
  });

  it('does not count a caller cancelling toward the breaker', async () => {
    const m = new GuardedChatModel(never, { timeoutMs: 1000, consecutiveFailures: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 5);
    expect(await kindOf(m.complete(req, ac.signal))).toBe('aborted');
    expect(m.breakerState).toBe('closed');
  });

  it('counts tokens of successful calls and opens after consecutive failures', async () => {
    let fail = false;
    const flaky: ChatModel = { complete: async () => { if (fail) throw new Error('503'); return ok; } };
    const m = new GuardedChatModel(flaky, { consecutiveFailures: 2, halfOpenAfterMs: 60_000 });
    await m.complete(req, new AbortController().signal);
    fail = true;
    expect(await kindOf(m.complete(req, new AbortController().signal))).toBe('error');
    expect(await kindOf(m.complete(req, new AbortController().signal))).toBe('error');
    expect(await kindOf(m.complete(req, new AbortController().signal))).toBe('breaker_open');
    expect(m.stats()).toEqual({ calls: 4, successes: 1, failures: 2, timeouts: 0, short_circuited: 1, prompt_tokens: 3, completion_tokens: 2, breaker: 'open' });
  });
});
