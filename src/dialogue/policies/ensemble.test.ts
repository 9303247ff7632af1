import { describe, expect, it } from 'vitest';
import type { Domain, Tracker } from '../../core/index.js';
import { ACTION_LISTEN, actionEvent, actionExecutionRejectedEvent, activeLoopEvent } from '../../core/index.js';
import type { Policy, Prediction } from '../policy.js';
import { domainWith, startedTracker, userSays } from '../stories/story-builders.js';
import { ensemblePredict, pickBest } from './ensemble.js';

const fixed = (name: string, priority: number, p: Partial<Prediction> & { action: string; confidence: number }): Policy => ({
  name, priority,
  predict: (_t: Tracker, _d: Domain) => ({ policy: name, priority, scores: { [p.action]: p.confidence }, ...p }),
});
const domain = domainWith({ intents: ['greet'], responses: ['utter_a', 'utter_b'], forms: { f: [] } });

describe('pickBest', () => {
  const base = { policy: 'x', priority: 1 };
  it('picks the highest confidence, then the highest priority', () => {
    expect(pickBest([{ ...base, action: 'a', confidence: 0.8 }, { ...base, action: 'b', confidence: 0.9 }])?.action).toBe('b');
    expect(pickBest([{ ...base, action: 'a', confidence: 1, priority: 3 }, { ...base, action: 'b', confidence: 1, priority: 4 }])?.action).toBe('b');
  });
  it('lets no-user predictions beat everything, then end-to-end ones', () => {
    expect(pickBest([{ ...base, action: 'a', confidence: 1, priority: 9 }, { ...base, action: 'loop', confidence: 0.1, isNoUserPrediction: true }])?.action).toBe('loop');
    expect(pickBest([{ ...base, action: 'a', confidence: 1, priority: 9 }, { ...base, action: 'e2e', confidence: 0.2, isEndToEnd: true }])?.action).toBe('e2e');
  });
});

describe('ensemblePredict', () => {
  const opts = { fallbackAction: 'action_default_fallback' };

  it('lets a rule (priority 4) beat memoization (3) at equal confidence, and an ML guess below the fallback lose', () => {
    const rule = fixed('RulePolicy', 4, { action: 'utter_a', confidence: 1 });
    const memo = fixed('MemoizationPolicy', 3, { action: 'utter_b', confidence: 1 });
    expect(ensemblePredict([memo, rule], startedTracker(domain, [userSays('greet')]), domain, opts).action).toBe('utter_a');
    const fallback = fixed('RulePolicy', 4, { action: 'action_default_fallback', confidence: 0.3 });
    const ted = fixed('TEDPolicy', 1, { action: 'utter_b', confidence: 0.25 });
    expect(ensemblePredict([ted, fallback], startedTracker(domain, [userSays('greet')]), domain, opts).action).toBe('action_default_fallback');
  });

  it('adds user_featurization after a user message, and a full score map', () => {
    const rule = fixed('RulePolicy', 4, { action: 'utter_a', confidence: 1 });
    const p = ensemblePredict([rule], startedTracker(domain, [userSays('greet')]), domain, opts);
    expect(p.events?.map((e) => e.event)).toEqual(['user_featurization']);
    expect(p.scores).toMatchObject({ utter_a: 1, utter_b: 0, action_listen: 0, f: 0 });
    const after = ensemblePredict([rule], startedTracker(domain, [userSays('greet'), actionEvent('utter_a')]), domain, opts);
    expect(after.events).toEqual([]);
  });

  it('marks the loop interrupted when another action answers the user inside it', () => {
    const rule = fixed('RulePolicy', 4, { action: 'utter_a', confidence: 1 });
    const t = startedTracker(domain, [userSays('greet'), actionEvent('f'), activeLoopEvent('f'), actionEvent(ACTION_LISTEN), userSays('greet'), actionExecutionRejectedEvent('f')]);
    const p = ensemblePredict([rule], t, domain, opts);
    expect(p.events?.map((e) => e.event)).toEqual(['loop_interrupted', 'user_featurization']);
  });

  it('zeroes the action whose execution was just rejected', () => {
    const memo = fixed('MemoizationPolicy', 3, { action: 'f', confidence: 1 });
    const fallback = fixed('RulePolicy', 4, { action: 'action_default_fallback', confidence: 0.3 });
    const t = startedTracker(domain, [userSays('greet'), actionEvent('f'), activeLoopEvent('f'), actionEvent(ACTION_LISTEN), userSays('greet'), actionExecutionRejectedEvent('f')]);
    expect(ensemblePredict([memo, fallback], t, domain, opts).action).toBe('action_default_fallback');
  });

  it('answers the fallback action when no policy predicts', () => {
    expect(ensemblePredict([], startedTracker(domain, [userSays('greet')]), domain, opts)).toMatchObject({ action: 'action_default_fallback', confidence: 0 });
  });
});
