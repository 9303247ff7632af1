// RulePolicy marks the turns only rules cover (hide_rule_turn) and memoization looks past them.
import { describe, expect, it } from 'vitest';
import type { Event } from '../../core/index.js';
import { ACTION_LISTEN, actionEvent, activeLoopEvent } from '../../core/index.js';
import { buildTrainingTrackers } from '../stories/index.js';
import { action, activeLoop, domainWith, intent, rule, startedTracker, story, userSays } from '../stories/story-builders.js';
import { MemoizationPolicy } from './memoization-policy.js';
import { ruleOnlyData } from './ml-states.js';
import { DEFAULT_RULE_POLICY_OPTIONS, RulePolicy } from './rule-policy.js';

const domain = domainWith({
  intents: ['hello', 'ask_identity', 'feel_good', 'book', 'halt', 'yes'],
  slots: [{ name: 'item' }],
  forms: { booking_form: ['item'] },
});
const data = {
  domain,
  stories: [
    story('feeling', [intent('hello'), action('utter_hello'), intent('feel_good'), action('utter_glad')]),
    story('halt booking', [
      intent('book'), action('booking_form'), activeLoop('booking_form'),
      intent('halt'), action('utter_sure'), intent('yes'), action('action_deactivate_loop'), activeLoop(null),
    ]),
  ],
  rules: [
    rule('identity', [intent('ask_identity'), action('utter_identity')]),
    rule('hello', [intent('hello'), action('utter_hello')]),
    rule('start booking', [intent('book'), action('booking_form'), activeLoop('booking_form')]),
  ],
};
const trackers = buildTrainingTrackers(data);
const rules = (check = true) => RulePolicy.train(trackers.rules, domain, { ...DEFAULT_RULE_POLICY_OPTIONS, checkForContradictions: check }, trackers.stories);
const memo = MemoizationPolicy.train(trackers.stories, domain, { name: 'MemoizationPolicy', priority: 3, maxHistory: null }, ruleOnlyData(trackers));
const at = (events: Event[]) => startedTracker(domain, events);
const byRule = (name: string, hide: boolean) => actionEvent(name, { policy: 'RulePolicy', hideRuleTurn: hide });

describe('rule-only turns', () => {
  it('hides the turns of a rule no story contains, and only those', () => {
    const p = rules();
    expect(p.predict(at([userSays('ask_identity')]), domain)).toMatchObject({ action: 'utter_identity', hideRuleTurn: true });
    expect(p.predict(at([userSays('ask_identity'), byRule('utter_identity', true)]), domain)).toMatchObject({ action: ACTION_LISTEN, hideRuleTurn: true });
    // the hello rule and the booking activation are also written in stories
    expect(p.predict(at([userSays('hello')]), domain)?.hideRuleTurn).toBeFalsy();
    expect(p.predict(at([userSays('book')]), domain)?.hideRuleTurn).toBeFalsy();
  });

  it('hides the loop re-run after an interruption when no story has it, but not the listen after the loop', () => {
    const p = rules();
    const booking = [userSays('book'), byRule('booking_form', false), activeLoopEvent('booking_form')];
    expect(p.predict(at(booking), domain)).toMatchObject({ action: ACTION_LISTEN });
    expect(p.predict(at(booking), domain)?.hideRuleTurn).toBeFalsy();
    const detour = [...booking, byRule(ACTION_LISTEN, false), userSays('ask_identity'), byRule('utter_identity', true)];
    expect(p.predict(at(detour), domain)).toMatchObject({ action: 'booking_form', hideRuleTurn: true });
  });

  it('hides nothing when contradictions are not checked (as Rasa), and survives persistence', () => {
    expect(rules(false).predict(at([userSays('ask_identity')]), domain)?.hideRuleTurn).toBeFalsy();
    const reloaded = RulePolicy.fromData(rules().persist());
    expect(reloaded.predict(at([userSays('ask_identity')]), domain)?.hideRuleTurn).toBe(true);
  });

  it('memoization matches a story across a hidden detour', () => {
    const t = at([
      userSays('hello'), byRule('utter_hello', false), byRule(ACTION_LISTEN, false),
      userSays('ask_identity'), byRule('utter_identity', true), byRule(ACTION_LISTEN, true),
      userSays('feel_good'),
    ]);
    expect(memo.predict(t, domain)?.action).toBe('utter_glad');
    // the same detour, not hidden, breaks the exact history
    const visible = at([
      userSays('hello'), actionEvent('utter_hello'), actionEvent(ACTION_LISTEN),
      userSays('ask_identity'), actionEvent('utter_identity'), actionEvent(ACTION_LISTEN), userSays('feel_good'),
    ]);
    expect(memo.predict(visible, domain)).toBeUndefined();
  });

  it('memoization continues an interrupted form story after a hidden detour and loop re-run', () => {
    const t = at([
      userSays('book'), byRule('booking_form', false), activeLoopEvent('booking_form'), byRule(ACTION_LISTEN, false),
      userSays('ask_identity'), byRule('utter_identity', true), byRule('booking_form', true), byRule(ACTION_LISTEN, false),
      userSays('halt'),
    ]);
    expect(memo.predict(t, domain)?.action).toBe('utter_sure');
  });
});
