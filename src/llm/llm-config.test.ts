import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.js';
import { parseLlmConfig } from './llm-config.js';

describe('parseLlmConfig', () => {
  it('is off with every default when endpoints.yml has no llm section', () => {
    const cfg = parseLlmConfig(undefined, {});
    expect(cfg).toMatchObject({
      enabled: false, timeoutMs: 1500, jsonMode: true, breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
      intentCheck: { enabled: true, threshold: 0.7, candidates: 5, examplesPerIntent: 3, cacheTtlSeconds: 60 },
      rephrase: { enabled: false, all: false, historyTurns: 6, maxLengthRatio: 2.5, bannedPhrases: [] },
      generative: { enabled: false, intents: ['out_of_scope', 'chitchat'] },
    });
    expect(Object.isFrozen(cfg.intentCheck)).toBe(true);
  });

  it('reads the key from apiKeyEnv, and PARLEY_LLM_* win over the file', () => {
    const raw = { enabled: true, baseUrl: 'http://file/v1', apiKeyEnv: 'DEEPSEEK_KEY', headers: { 'X-Org': 'a' } };
    expect(parseLlmConfig(raw, { DEEPSEEK_KEY: 'k1' })).toMatchObject({ baseUrl: 'http://file/v1', apiKey: 'k1', headers: { 'X-Org': 'a' } });
    expect(parseLlmConfig(raw, { DEEPSEEK_KEY: 'k1', PARLEY_LLM_API_KEY: 'k2', PARLEY_LLM_BASE_URL: 'http://env/v1' }))
      .toMatchObject({ baseUrl: 'http://env/v1', apiKey: 'k2' });
  });

  it('fails at start-up with the path of an unknown key or a bad value', () => {
    const code = (raw: unknown, env = {}): string => {
      try { parseLlmConfig(raw, env); return 'ok'; } catch (e) { return isParleyError(e, 'CONFIG_INVALID') ? e.message : 'other'; }
    };
    expect(code({ enabled: true, baseUrl: 'http://x', intentCheck: { treshold: 0.5 } })).toMatch(/llm\.intentCheck/);
    expect(code({ timeoutMs: -1 })).toMatch(/llm\.timeoutMs/);
    expect(code({ enabled: true })).toMatch(/baseUrl/);
    expect(code({ enabled: true, baseUrl: 'http://x', apiKeyEnv: 'MISSING' })).toMatch(/MISSING/);
  });
});
