import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotEvent, Domain, Event } from '../core/index.js';
import { actionEvent, botEvent, slotEvent, userEvent } from '../core/index.js';
import { orderDomain, trackerOf } from '../dialogue/processor/order-domain.test-helper.js';
import type { LlmStub } from '../testing/index.js';
import { startLlmStub } from '../testing/index.js';
import { guardedModel, stubConfig } from './llm-kit.test-helper.js';
import { Rephraser } from './rephraser.js';

let stub: LlmStub;
beforeAll(async () => { stub = await startLlmStub(); });
afterAll(async () => { await stub.close(); });
beforeEach(() => { stub.reset(); });

function markedDomain(): Domain {
  const d = orderDomain();
  d.responses['utter_ask_phone'] = [{ text: '好的，{quantity}份{meal}，请留个电话', metadata: { rephrase: true } }];
  d.responses['utter_ask_address'] = [{ text: '送到哪里?', metadata: { rephrase: true } }];
  d.responses['utter_submit'] = [{ text: '好的,{quantity}份{meal},电话{phone}', metadata: { rephrase: true } }];
  return d;
}

function setup(extra: Record<string, unknown> = {}) {
  const cfg = stubConfig(stub, { rephrase: { enabled: true, slotKeywords: { phone: ['电话', '手机'] } }, ...extra });
  const model = guardedModel(stub, cfg);
  return { model, rephraser: new Rephraser({ model, config: cfg.rephrase, generative: cfg.generative, timeoutMs: cfg.timeoutMs }) };
}

const inForm = (requested: string, more: Event[] = []): Event[] => [
  actionEvent('action_listen'),
  userEvent('我要两份面', { text: '我要两份面', intent: { name: 'order_food', confidence: 0.9 }, entities: [] }),
  slotEvent('meal', '面'), slotEvent('quantity', 2), actionEvent('order_form'), { event: 'active_loop', timestamp: 1, name: 'order_form' },
  ...more, slotEvent('requested_slot', requested),
];
const bot = (text: string, action: string, variationMeta = true): BotEvent =>
  botEvent(text, {}, { utter_action: action, ...(variationMeta ? { metadata: { rephrase: true } } : {}) });

describe('Rephraser through the OpenAI client and the stub', () => {
  it('keeps "两份" and still asks for the phone number', async () => {
    const { rephraser } = setup();
    const d = markedDomain();
    stub.enqueue({ text: '两份面已经记下啦～方便留个手机号吗？' });
    const out = await rephraser.rephrase(bot('好的，2份面，请留个电话', 'utter_ask_phone'), { tracker: trackerOf(d, inForm('phone')), domain: d, requestedSlot: 'phone', sensitiveSlots: ['phone'] });
    expect(out.text).toBe('两份面已经记下啦～方便留个手机号吗？');
    expect(out.metadata).toMatchObject({ utter_action: 'utter_ask_phone', rephrased: true });
    const prompt = stub.requests[0]?.body?.messages?.map((m) => m.content).join('\n') ?? '';
    expect(prompt).toContain('好的，2份面，请留个电话');
    expect(prompt).toContain('User: 我要两份面');
    expect(prompt).toContain('meal = 面');
    expect(stub.requests[0]?.body?.response_format).toBeUndefined();
  });

  it('keeps the template when the wording drops the quantity or stops asking', async () => {
    const { rephraser } = setup();
    const d = markedDomain();
    const ctx = { tracker: trackerOf(d, inForm('phone')), domain: d, requestedSlot: 'phone', sensitiveSlots: ['phone'] };
    stub.enqueue({ text: '面已经记下啦，手机号是多少？' }, { text: '两份面已经记下啦。' });
    expect((await rephraser.rephrase(bot('好的，2份面，请留个电话', 'utter_ask_phone'), ctx)).metadata)
      .toMatchObject({ rephrased: false, rephrase_reason: 'dropped_value' });
    const kept = await rephraser.rephrase(bot('好的，2份面，请留个电话', 'utter_ask_phone'), ctx);
    expect(kept.text).toBe('好的，2份面，请留个电话');
    expect(kept.metadata).toMatchObject({ rephrased: false, rephrase_reason: 'stopped_asking' });
    expect(rephraser.stats()).toMatchObject({ attempts: 2, guarded: 2, rephrased: 0 });
  });

  it('uses the template when the wording says goodbye while the form asks for the address', async () => {
    const { rephraser } = setup();
    const d = markedDomain();
    stub.enqueue({ text: '好的，送到哪里呢？拜拜～' });
    const out = await rephraser.rephrase(bot('送到哪里?', 'utter_ask_address'), { tracker: trackerOf(d, inForm('address')), domain: d, requestedSlot: 'address', sensitiveSlots: ['phone'] });
    expect(out.text).toBe('送到哪里?');
    expect(out.metadata).toMatchObject({ rephrased: false, rephrase_reason: 'goodbye_in_form' });
  });

  it('masks a sensitive slot value in the template and history, and puts it back in the answer', async () => {
    const { rephraser } = setup();
    const d = markedDomain();
    const phone = '13812345678';
    const events = inForm('phone', [userEvent(`电话${phone}`, { text: `电话${phone}`, intent: { name: 'inform', confidence: 1 }, entities: [{ entity: 'phone', value: phone, start: 2, end: 13 }] }), slotEvent('phone', phone)]);
    const ctx = { tracker: trackerOf(d, events), domain: d, requestedSlot: null, sensitiveSlots: ['phone'] };
    stub.enqueue({ text: '收到！2份面，联系电话<phone>，马上安排～' }, { text: '收到！2份面，马上安排～' });
    const out = await rephraser.rephrase(bot(`好的,2份面,电话${phone}`, 'utter_submit'), ctx);
    expect(out.text).toBe(`收到！2份面，联系电话${phone}，马上安排～`);
    const dropped = await rephraser.rephrase(bot(`好的,2份面,电话${phone}`, 'utter_submit'), ctx);
    expect(dropped.metadata).toMatchObject({ rephrase_reason: 'dropped_value' });
    for (const r of stub.requests) expect(r.raw).not.toContain(phone);
    expect(stub.requests[0]?.raw).toContain('<phone>');
  });

  it('leaves unmarked responses alone unless rephrase.all is on', async () => {
    const d = markedDomain();
    const ctx = { tracker: trackerOf(d, inForm('phone')), domain: d, requestedSlot: null, sensitiveSlots: [] };
    const plain = botEvent('您好!', {}, { utter_action: 'utter_greet' });
    expect(await setup().rephraser.rephrase(plain, ctx)).toBe(plain);
    expect(stub.requests).toHaveLength(0);
    stub.enqueue({ text: '您好呀!' });
    const all = await setup({ rephrase: { enabled: true, all: true } }).rephraser.rephrase(plain, ctx);
    expect(all.text).toBe('您好呀!');
  });

  it('finds the mark on the domain response when the bot event lacks the variation keys', async () => {
    const { rephraser } = setup();
    const d = markedDomain();
    stub.enqueue({ text: '地址是哪里呢?' });
    const out = await rephraser.rephrase(bot('送到哪里?', 'utter_ask_address', false), { tracker: trackerOf(d, inForm('address')), domain: d, requestedSlot: 'address', sensitiveSlots: [] });
    expect(out.text).toBe('地址是哪里呢?');
  });

  it('falls back to the template on timeout (within 1.6 s) and skips the LLM once the breaker is open', async () => {
    const { rephraser, model } = setup({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    const d = markedDomain();
    const ctx = { tracker: trackerOf(d, inForm('address')), domain: d, requestedSlot: 'address', sensitiveSlots: [] };
    stub.enqueue({ delayMs: 2000, text: '地址呢?' }, { reset: true });
    const t0 = performance.now();
    const slow = await rephraser.rephrase(bot('送到哪里?', 'utter_ask_address'), ctx);
    expect(performance.now() - t0).toBeLessThan(1600);
    expect(slow.metadata).toMatchObject({ rephrased: false, rephrase_reason: 'llm_timeout' });
    expect((await rephraser.rephrase(bot('送到哪里?', 'utter_ask_address'), ctx)).metadata).toMatchObject({ rephrase_reason: 'llm_error' });
    const t1 = performance.now();
    const skipped = await rephraser.rephrase(bot('送到哪里?', 'utter_ask_address'), ctx);
    expect(performance.now() - t1).toBeLessThan(20);
    expect(skipped).toMatchObject({ text: '送到哪里?', metadata: { rephrase_reason: 'llm_breaker_open' } });
    expect(stub.requests).toHaveLength(2);
    expect(model.stats().breaker).toBe('open');
  });

  it('generates the first reply to a configured chitchat intent, guarded, but not later replies of the turn', async () => {
    const { rephraser } = setup({ generative: { enabled: true, intents: ['chitchat'] } });
    const d = markedDomain();
    const events: Event[] = [actionEvent('action_listen'), userEvent('你喜欢猫吗', { text: '你喜欢猫吗', intent: { name: 'chitchat', confidence: 0.9 }, entities: [] })];
    const ctx = { tracker: trackerOf(d, events), domain: d, requestedSlot: null, sensitiveSlots: [] };
    stub.enqueue({ text: '猫咪很可爱～不过我最擅长的是帮您点餐哦' });
    const out = await rephraser.rephrase(bot('我只会点餐哦', 'utter_chitchat', false), ctx);
    expect(out).toMatchObject({ text: '猫咪很可爱～不过我最擅长的是帮您点餐哦', metadata: { rephrased: true, generated: true } });
    ctx.tracker.append(out);
    const later = bot('您好!', 'utter_greet', false);
    expect(await rephraser.rephrase(later, ctx)).toBe(later);
    expect(stub.requests).toHaveLength(1);
  });
});
