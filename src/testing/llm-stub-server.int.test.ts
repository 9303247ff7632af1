import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmStub } from './llm-stub-server.js';
import { startLlmStub } from './llm-stub-server.js';

let stub: LlmStub;
beforeAll(async () => { stub = await startLlmStub({ responder: () => ({ text: 'default' }) }); });
afterAll(async () => { await stub.close(); });

const post = (path: string, body: unknown) =>
  fetch(`${stub.url.replace(/\/v1$/, '')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('startLlmStub', () => {
  it('answers chat completions in OpenAI format, queued replies first, then the default responder', async () => {
    stub.enqueue({ json: { intent: 'greet' }, usage: { prompt_tokens: 7, completion_tokens: 3 } });
    const first = await (await post('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).json();
    expect(first).toMatchObject({ object: 'chat.completion', model: 'm', choices: [{ message: { role: 'assistant', content: '{"intent":"greet"}' } }], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
    const second = await (await post('/chat/completions', { model: 'm', messages: [] })).json() as { choices: { message: { content: string } }[] };
    expect(second.choices[0]?.message.content).toBe('default');
    expect(stub.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/chat/completions']);
    expect(stub.requests[0]?.body?.messages?.[0]?.content).toBe('hi');
  });

  it('scripts errors, malformed bodies and resets', async () => {
    stub.enqueue({ status: 503, text: 'overloaded' }, { malformed: true }, { reset: true });
    const failed = await post('/v1/chat/completions', {});
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toBe('overloaded');
    await expect((await post('/v1/chat/completions', {})).json()).rejects.toThrow();
    await expect(post('/v1/chat/completions', {})).rejects.toThrow();
    expect((await post('/v1/other', {})).status).toBe(404);
  });
});
