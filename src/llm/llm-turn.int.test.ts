// Whole turns through the MessageProcessor: NLU wrapped by the intent check, bot events through
// the rephrase hook, the production OpenAI client talking to the stub over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParseData } from '../core/index.js';
import { ActionRegistry } from '../dialogue/actions/action-registry.js';
import { MessageProcessor } from '../dialogue/processor/message-processor.js';
import { ent, orderDomain, parsed, texts, trackerOf } from '../dialogue/processor/order-domain.test-helper.js';
import { ScriptedPolicy } from '../dialogue/processor/scripted-policy.test-helper.js';
import type { LlmStub, StubRequest } from '../testing/index.js';
import { startLlmStub } from '../testing/index.js';
import { createLlm } from './create-llm.js';
import { withLlmIntentCheck } from './intent-check.js';
import { stubConfig } from './llm-kit.test-helper.js';
import { rephraseHook } from './rephrase-hook.js';

const PHONE = '13812345678';
const NLU: Record<string, ParseData> = {
  随便来点: { ...parsed('随便来点', 'chitchat'), intent: { name: 'chitchat', confidence: 0.41 }, intent_ranking: [{ name: 'chitchat', confidence: 0.41 }, { name: 'order_food', confidence: 0.38 }] },
  两份面: parsed('两份面', 'inform', [ent('meal', '面'), ent('quantity', 2)]),
  [`电话${PHONE}`]: parsed(`电话${PHONE}`, 'inform', [ent('phone', PHONE, { start: 2, end: 13 })]),
};

/** Answers like an LLM would: the intent check in JSON, rephrasings as text. */
function llmAnswer(req: StubRequest) {
  const prompt = req.body?.messages?.map((m) => m.content).join('\n') ?? '';
  if (req.body?.response_format) return { json: { intent: 'order_food', confidence: 0.88, reason: 'wants to order' } };
  if (prompt.includes('asks the user for: phone')) return { text: '两份面收到啦～请问您的手机号是多少？' };
  if (prompt.includes('asks the user for: address')) return { text: '好的，地址以后再说，拜拜～' };
  return { status: 500 };
}

let stub: LlmStub;
beforeAll(async () => { stub = await startLlmStub({ responder: llmAnswer }); });
afterAll(async () => { await stub.close(); });

describe('a conversation with the LLM check and the rephraser', () => {
  it('the LLM decides an unsure intent, the form follows, rephrasing is guarded, no phone number is sent', async () => {
    const domain = orderDomain();
    domain.responses['utter_ask_phone'] = [{ text: '好的，{quantity}份{meal}，请留个电话', metadata: { rephrase: true } }];
    domain.responses['utter_ask_address'] = [{ text: '送到哪里?', metadata: { rephrase: true } }];
    const llm = createLlm(stubConfig(stub, { rephrase: { enabled: true, slotKeywords: { phone: ['手机', '电话'] } } }));
    if (!llm?.intentCheck || !llm.rephraser) throw new Error('LLM services expected');
    const ctx = { examples: { order_food: ['我要点餐'] }, intents: domain.intents.map((i) => i.name), sensitiveEntities: ['phone'] };
    const processor = new MessageProcessor({
      domain, actions: new ActionRegistry({ domain, actions: [] }),
      policies: new ScriptedPolicy([{ intent: 'order_food', action: 'order_form' }, { intent: 'chitchat', action: 'utter_chitchat' }]),
      parse: withLlmIntentCheck(async (text: string) => NLU[text] ?? parsed(text, 'nlu_fallback'), llm.intentCheck, ctx),
      rephrase: rephraseHook(llm.rephraser, { domain, sensitiveSlots: ['phone'] }),
    });
    const tracker = trackerOf(domain);

    const first = await processor.handleMessage(tracker, { text: '随便来点' });
    expect(tracker.state.latestMessage?.parse_data).toMatchObject({ intent: { name: 'order_food' }, parley: { decided_by: 'llm_check' } });
    expect(tracker.activeLoopName).toBe('order_form');
    expect(texts(first.botEvents)).toEqual(['您想吃什么?']);

    const second = await processor.handleMessage(tracker, { text: '两份面' });
    expect(texts(second.botEvents)).toEqual(['两份面收到啦～请问您的手机号是多少？']);
    expect(second.botEvents[0]?.metadata).toMatchObject({ utter_action: 'utter_ask_phone', rephrased: true });

    const third = await processor.handleMessage(tracker, { text: `电话${PHONE}` });
    expect(tracker.slot('phone')).toBe(PHONE);
    expect(texts(third.botEvents)).toEqual(['送到哪里?']);
    expect(third.botEvents[0]?.metadata).toMatchObject({ rephrased: false, rephrase_reason: 'goodbye_in_form' });

    expect(stub.requests).toHaveLength(3);
    for (const r of stub.requests) expect(r.raw).not.toContain(PHONE);
    expect(llm.stats()).toMatchObject({ intent_check: { checks: 1, overrides: 1 }, rephrase: { rephrased: 1, guarded: 1 }, model: { calls: 3, breaker: 'closed' } });
  });
});
