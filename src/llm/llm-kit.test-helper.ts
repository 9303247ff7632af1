// Test wiring: the production OpenAI client behind the guard, pointed at the stub server.
import type { ParseData } from '../core/index.js';
import type { LlmStub } from '../testing/index.js';
import { GuardedChatModel } from './guarded-chat-model.js';
import type { LlmConfig } from './llm-config.js';
import { parseLlmConfig } from './llm-config.js';
import { OpenAiChatModel } from './openai-chat-model.js';

export function stubConfig(stub: LlmStub, extra: Record<string, unknown> = {}): Readonly<LlmConfig> {
  return parseLlmConfig({ enabled: true, baseUrl: stub.url, apiKey: 'test-key', model: 'stub-model', ...extra }, {});
}

export function guardedModel(stub: LlmStub, cfg: Readonly<LlmConfig> = stubConfig(stub)): GuardedChatModel {
  const client = new OpenAiChatModel({ baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, model: cfg.model, headers: cfg.headers, jsonMode: cfg.jsonMode });
  return new GuardedChatModel(client, { timeoutMs: cfg.timeoutMs, ...cfg.breaker });
}

export function lowConfidence(text: string, ranking: [string, number][], entities: ParseData['entities'] = []): ParseData {
  const [first] = ranking;
  return {
    text, entities,
    intent: first ? { name: first[0], confidence: first[1] } : null,
    intent_ranking: ranking.map(([name, confidence]) => ({ name, confidence })),
    parley: { decided_by: 'classifier' },
  };
}

export const ORDER_INTENTS = ['greet', 'goodbye', 'affirm', 'deny', 'order_meal', 'inform', 'change_order', 'cancel', 'vague_order', 'ask_menu', 'chitchat'];

export const ORDER_EXAMPLES: Record<string, string[]> = {
  order_meal: ['我要一份牛肉套餐', '来两份鸡腿套餐', '帮我点个素食套餐', '我想点餐'],
  vague_order: ['随便来点吃的', '有什么推荐的', '饿了'],
  inform: ['<phone>', '北京市海淀区中关村大街1号', '两份'],
  ask_menu: ['有什么吃的', '看看菜单'],
  chitchat: ['你是谁', '今天天气怎么样'],
};
