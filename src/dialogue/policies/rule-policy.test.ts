import { describe, expect, it } from 'vitest';
import type { Event, Rule } from '../../core/index.js';
import { ACTION_LISTEN, actionEvent, actionExecutionRejectedEvent, activeLoopEvent, slotEvent } from '../../core/index.js';
import { ruleTrackers } from '../stories/index.js';
import { action, activeLoop, domainWith, intent, rule, slots, startedTracker, userSays } from '../stories/story-builders.js';
import type { RulePolicyOptions } from './rule-policy.js';
import { DEFAULT_RULE_POLICY_OPTIONS, RulePolicy } from './rule-policy.js';

const domain = domainWith({
  intents: ['greet', 'faq', 'request_order', 'chitchat', 'inform', 'restart'],
  slots: [{ name: 'vip', type: 'bool' }, { name: 'product' }],
  forms: { order_form: ['product'] },
});

function policy(rules: Rule[], options: Partial<RulePolicyOptions> = {}): RulePolicy {
  return RulePolicy.train(ruleTrackers(rules, domain).trackers, domain, { ...DEFAULT_RULE_POLICY_OPTIONS, ...options });
}
const predict = (p: RulePolicy, events: Event[]) => p.predict(startedTracker(domain, events), domain);
const listen = () => actionEvent(ACTION_LISTEN);

describe('RulePolicy', () => {
  const greet = rule('greet', [intent('greet'), action('utter_greet')]);

  it('predicts a rule\'s action, then action_listen after it', () => {
    const p = policy([greet]);
    expect(predict(p, [userSays('greet')])).toMatchObject({ action: 'utter_greet', confidence: 1, policy: 'RulePolicy', priority: 4 });
    expect(predict(p, [userSays('greet'), actionEvent('utter_greet')])?.action).toBe(ACTION_LISTEN);
    // mid-conversation too
    expect(predict(p, [userSays('faq'), actionEvent('utter_faq'), listen(), userSays('greet')])?.action).toBe('utter_greet');
  });

  it('maps restart/back/session_start to default actions even without rules', () => {
    expect(predict(policy([]), [userSays('restart')])?.action).toBe('action_restart');
    expect(predict(policy([rule('r', [intent('restart'), action('utter_x')])]), [userSays('restart')])?.action).toBe('action_restart');
    expect(predict(policy([]), [userSays('back')])?.action).toBe('action_back');
    expect(predict(policy([]), [userSays('session_start')])?.action).toBe('action_session_start');
  });

  it('does not append action_listen when wait_for_user_input is false', () => {
    const p = policy([rule('faq', [intent('faq'), action('utter_faq')], { waitForUserInput: false })]);
    expect(predict(p, [userSays('faq')])?.action).toBe('utter_faq');
    expect(predict(p, [userSays('faq'), actionEvent('utter_faq')])).toMatchObject({ action: 'action_default_fallback', confidence: 0.3 });
  });

  it('matches conversation_start rules only at the start of a session', () => {
    const p = policy([rule('welcome', [intent('greet'), action('utter_welcome')], { conversationStart: true })]);
    expect(predict(p, [userSays('greet')])?.action).toBe('utter_welcome');
    expect(predict(p, [userSays('faq'), actionEvent('utter_faq'), listen(), userSays('greet')])?.action).toBe('action_default_fallback');
  });

  it('requires condition slots and prefers the longer (more specific) rule', () => {
    const vip = rule('vip greet', [intent('greet'), action('utter_greet_vip')], { condition: [slots({ vip: true })] });
    const p = policy([greet, vip]);
    expect(predict(p, [userSays('greet')])?.action).toBe('utter_greet');
    expect(predict(p, [slotEvent('vip', true), userSays('greet')])?.action).toBe('utter_greet_vip');
    expect(predict(p, [slotEvent('vip', false), userSays('greet')])?.action).toBe('utter_greet');
  });

  it('requires "must not be set" conditions to be unset', () => {
    const p = policy([rule('no product', [intent('inform'), action('utter_which')], { condition: [slots({ product: null })] })]);
    expect(predict(p, [userSays('inform')])?.action).toBe('utter_which');
    expect(predict(p, [slotEvent('product', 'tea'), userSays('inform')])?.action).toBe('action_default_fallback');
  });

  describe('active loop', () => {
    const activate = rule('activate', [intent('request_order'), action('order_form'), activeLoop('order_form')]);
    const submit = rule('submit', [action('order_form'), activeLoop(null), action('utter_submit')], { condition: [activeLoop('order_form')] });
    const chitchat = rule('chitchat', [intent('chitchat'), action('utter_chitchat')]);
    const p = policy([activate, submit, chitchat]);
    const inForm: Event[] = [userSays('request_order'), actionEvent('order_form'), activeLoopEvent('order_form'), slotEvent('requested_slot', 'product')];

    it('activates the form by rule and listens after it', () => {
      expect(predict(p, [userSays('request_order')])?.action).toBe('order_form');
      expect(predict(p, inForm)).toMatchObject({ action: ACTION_LISTEN, isNoUserPrediction: true });
    });

    it('predicts the loop after every user message (happy path beats rules)', () => {
      expect(predict(p, [...inForm, listen(), userSays('chitchat')])).toMatchObject({ action: 'order_form', isNoUserPrediction: true });
    });

    it('lets rules handle the turn once the loop rejected it, then resumes the loop', () => {
      const rejected = [...inForm, listen(), userSays('chitchat'), actionExecutionRejectedEvent('order_form')];
      expect(predict(p, rejected)?.action).toBe('utter_chitchat');
      expect(predict(p, [...rejected, actionEvent('utter_chitchat')])?.action).toBe('order_form');
    });

    it('runs the submit rule when the form deactivated', () => {
      expect(predict(p, [...inForm, listen(), userSays('inform'), actionEvent('order_form'), activeLoopEvent(null)])?.action).toBe('utter_submit');
    });
  });

  describe('fallback', () => {
    it('predicts core_fallback_action_name with core_fallback_threshold', () => {
      const p = policy([greet], { coreFallbackThreshold: 0.45, coreFallbackActionName: 'action_my_fallback' });
      expect(predict(p, [userSays('faq')])).toMatchObject({ action: 'action_my_fallback', confidence: 0.45 });
    });

    it('predicts nothing when fallback prediction is disabled', () => {
      expect(predict(policy([greet], { enableFallbackPrediction: false }), [userSays('faq')])).toBeUndefined();
    });
  });

  it('round-trips through persist', () => {
    const p = policy([greet]);
    const copy = RulePolicy.fromData(JSON.parse(JSON.stringify(p.persist())));
    expect(predict(copy, [userSays('greet')])?.action).toBe('utter_greet');
  });
});
