import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmStub } from '../testing/index.js';
import { startLlmStub } from '../testing/index.js';
import type { IntentCheckContext } from './intent-check.js';
import { LlmIntentCheck, withLlmIntentCheck } from './intent-check.js';
import type { IntentAudit } from './intent-audit.js';
import { MemoryLlmCache } from './llm-cache.js';
import type { LlmConfig } from './llm-config.js';
import { ORDER_EXAMPLES, ORDER_INTENTS, guardedModel, lowConfidence, stubConfig } from './llm-kit.test-helper.js';

let stub: LlmStub;
beforeAll(async () => { stub = await startLlmStub(); });
afterAll(async () => { await stub.close(); });
beforeEach(() => { stub.reset(); });

const ctx: IntentCheckContext = { examples: ORDER_EXAMPLES, intents: ORDER_INTENTS, sensitiveEntities: ['phone'] };

function setup(extra: Record<string, unknown> = {}) {
  const cfg: Readonly<LlmConfig> = stubConfig(stub, extra);
  const model = guardedModel(stub, cfg);
  const check = new LlmIntentCheck({ model, config: cfg.intentCheck, timeoutMs: cfg.timeoutMs, cache: new MemoryLlmCache() });
  return { check, model };
}

const vague = () => lowConfidence('随便整点好吃的吧', [['vague_order', 0.45], ['order_meal', 0.35], ['chitchat', 0.1]]);
const audit = (p: { parley?: unknown }): IntentAudit => p.parley as IntentAudit;

describe('LlmIntentCheck through the OpenAI client and the stub', () => {
  it('asks the LLM below the threshold and takes its choice among the candidates', async () => {
    const { check, model } = setup();
    stub.enqueue({ json: { intent: 'order_meal', confidence: 0.9, reason: 'wants food' } });
    const out = await check.check(vague(), ctx);
    expect(out.intent).toEqual({ name: 'order_meal', confidence: 0.9 });
    expect(out.intent_ranking?.map((r) => r.name)).toEqual(['order_meal', 'vague_order', 'chitchat']);
    expect(audit(out)).toMatchObject({ decided_by: 'llm_check', reason: 'llm_override', llm: { asked: true, answered: true, agreed: false } });
    const body = stub.requests[0]?.body;
    expect(body?.response_format).toEqual({ type: 'json_object' });
    expect(body?.model).toBe('stub-model');
    const prompt = body?.messages?.map((m) => m.content).join('\n') ?? '';
    expect(prompt).toContain('随便整点好吃的吧');
    expect(prompt).toContain('来两份鸡腿套餐'); // a few-shot example of a candidate
    expect(prompt).toContain('ask_menu'); // the list of all intents
    expect(check.stats()).toMatchObject({ checks: 1, overrides: 1, agreements: 0 });
    expect(model.stats()).toMatchObject({ calls: 1, successes: 1, breaker: 'closed' });
    expect(model.stats().completion_tokens).toBeGreaterThan(0);
  });

  it('leaves a confident classifier alone without asking', async () => {
    const { check } = setup();
    const sure = lowConfidence('我要一份牛肉套餐', [['order_meal', 0.95]]);
    expect(await check.check(sure, ctx)).toBe(sure);
    expect(stub.requests).toHaveLength(0);
  });

  it('rejects an intent that is not in the domain and keeps the classifier result', async () => {
    const { check } = setup();
    stub.enqueue({ json: { intent: 'book_flight', confidence: 0.99, reason: 'x' } });
    const out = await check.check(vague(), ctx);
    expect(out.intent).toEqual({ name: 'vague_order', confidence: 0.45 });
    expect(audit(out)).toMatchObject({ decided_by: 'classifier', reason: 'llm_unknown_intent', llm: { answered: true, intent: 'book_flight' } });
    expect(check.stats().rejected).toBe(1);
  });

  it('accepts nlu_fallback from the LLM', async () => {
    const { check } = setup();
    stub.enqueue({ json: { intent: 'nlu_fallback', confidence: 0.8, reason: 'nothing fits' } });
    expect((await check.check(vague(), ctx)).intent?.name).toBe('nlu_fallback');
  });

  it('gives up on a 2 s answer within 1.6 s and keeps the classifier result', async () => {
    const { check } = setup();
    stub.enqueue({ delayMs: 2000, json: { intent: 'order_meal', confidence: 0.9 } });
    const t0 = performance.now();
    const out = await check.check(vague(), ctx);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(1600);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(out.intent?.name).toBe('vague_order');
    expect(audit(out)).toMatchObject({ decided_by: 'classifier', reason: 'llm_timeout', llm: { asked: true, answered: false } });
    expect(check.stats().timeouts).toBe(1);
  });

  it('sends an invalid JSON answer back once for repair, then falls back', async () => {
    const { check } = setup();
    stub.enqueue({ text: '{"intent": "order_meal", "confid' }, { text: 'I think it is order_meal' });
    const out = await check.check(vague(), ctx);
    expect(stub.requests).toHaveLength(2);
    const repair = stub.requests[1]?.body?.messages ?? [];
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '{"intent": "order_meal", "confid' });
    expect(repair.at(-1)?.content).toMatch(/not valid/);
    expect(audit(out)).toMatchObject({ decided_by: 'classifier', reason: 'llm_invalid_answer' });
  });

  it('uses a repaired answer', async () => {
    const { check } = setup();
    stub.enqueue({ json: { intent: 'order_meal', confidence: 'high' } }, { json: { intent: 'order_meal', confidence: 0.8, reason: 'fixed' } });
    const out = await check.check(vague(), ctx);
    expect(stub.requests[1]?.body?.messages?.at(-1)?.content).toContain('confidence');
    expect(out.intent?.name).toBe('order_meal');
  });

  it.each([
    ['a malformed response body', { malformed: true }],
    ['a connection reset', { reset: true }],
    ['a 503', { status: 503 }],
  ])('falls back on %s', async (_name, reply) => {
    const { check } = setup();
    stub.enqueue(reply);
    const out = await check.check(vague(), ctx);
    expect(out.intent?.name).toBe('vague_order');
    expect(audit(out)).toMatchObject({ decided_by: 'classifier', reason: 'llm_error', llm: { answered: false } });
    expect(stub.requests).toHaveLength(1); // no retries on the hot path
  });

  it('never sends the value of a sensitive entity', async () => {
    const { check } = setup();
    stub.enqueue({ json: { intent: 'inform', confidence: 0.9 } });
    const text = '我的电话是13812345678，快点送';
    const parse = lowConfidence(text, [['inform', 0.5], ['order_meal', 0.3]], [{ entity: 'phone', value: '13812345678', start: 5, end: 16 }]);
    const out = await check.check(parse, ctx);
    expect(out.text).toBe(text);
    expect(out.entities[0]?.value).toBe('13812345678');
    expect(stub.requests[0]?.raw).not.toContain('13812345678');
    expect(stub.requests[0]?.raw).toContain('<phone>');
  });

  it('caches answers by normalised text and candidate set', async () => {
    const { check } = setup();
    stub.enqueue({ json: { intent: 'order_meal', confidence: 0.9 } });
    await check.check(vague(), ctx);
    const again = await check.check({ ...vague(), text: '  随便整点好吃的吧 ' }, ctx);
    expect(stub.requests).toHaveLength(1);
    expect(audit(again)).toMatchObject({ decided_by: 'llm_check', llm: { cached: true } });
    expect(check.stats().cache_hits).toBe(1);
  });

  it('opens the breaker after consecutive failures, skips the LLM at once, and recovers half-open', async () => {
    const { check, model } = setup({ breaker: { consecutiveFailures: 5, halfOpenAfterMs: 300 } });
    stub.setDefault(() => ({ status: 500 }));
    const reasons: string[] = [];
    for (let i = 0; i < 10; i++) reasons.push(audit(await check.check(vague(), ctx)).reason ?? '');
    expect(reasons).toEqual([...Array(5).fill('llm_error'), ...Array(5).fill('llm_breaker_open')]);
    expect(stub.requests).toHaveLength(5);
    expect(model.stats()).toMatchObject({ breaker: 'open', short_circuited: 5, failures: 5 });
    const t0 = performance.now();
    await check.check(vague(), ctx);
    expect(performance.now() - t0).toBeLessThan(20);
    expect(stub.requests).toHaveLength(5);

    await new Promise((r) => setTimeout(r, 350));
    stub.setDefault(() => ({ json: { intent: 'order_meal', confidence: 0.9 } }));
    const probe = await check.check(vague(), ctx);
    expect(audit(probe).decided_by).toBe('llm_check');
    expect(model.stats().breaker).toBe('closed');
    stub.setDefault(() => ({ status: 500 }));
  });

  it('counts timeouts toward the breaker', async () => {
    const { check, model } = setup({ timeoutMs: 100, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 } });
    stub.setDefault(() => ({ delayMs: 300, json: { intent: 'order_meal', confidence: 0.9 } }));
    await check.check(vague(), ctx);
    await check.check(vague(), ctx);
    expect(audit(await check.check(vague(), ctx)).reason).toBe('llm_breaker_open');
    expect(model.stats()).toMatchObject({ timeouts: 2, breaker: 'open' });
    stub.setDefault(() => ({ status: 500 }));
  });

  it('withLlmIntentCheck wraps an NLU parse function', async () => {
    const { check } = setup();
    stub.enqueue({ json: { intent: 'vague_order', confidence: 0.85 } });
    const parse = withLlmIntentCheck(async (_text: string, _opts: { messageId?: string }) => vague(), check, ctx);
    const out = await parse('随便整点好吃的吧', { messageId: 'm1' });
    expect(audit(out)).toMatchObject({ decided_by: 'llm_check', reason: 'llm_agreed', llm: { agreed: true } });
    expect(check.stats().agreements).toBe(1);
  });
});
