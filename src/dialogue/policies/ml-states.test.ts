import { describe, expect, it } from 'vitest';
import { ACTION_LISTEN, actionEvent, activeLoopEvent, slotEvent } from '../../core/index.js';
import { buildTrainingTrackers } from '../stories/index.js';
import { action, activeLoop, domainWith, intent, rule, slots, startedTracker, story, userSays } from '../stories/story-builders.js';
import { featurizeEvents } from './featurize.js';
import { NO_RULE_ONLY_DATA, mlStates, ruleOnlyData } from './ml-states.js';

const domain = domainWith({
  intents: ['hello', 'ask_identity', 'feel_good', 'book'],
  slots: [{ name: 'premium', type: 'bool' }, { name: 'item' }],
  forms: { booking_form: ['item'] },
});

const hidden = (name: string) => actionEvent(name, { policy: 'RulePolicy', hideRuleTurn: true });

describe('mlStates (rule-only turns hidden from memoization)', () => {
  it('skips a turn a rule predicted alone and continues from the last visible action', () => {
    const withDetour = startedTracker(domain, [
      userSays('hello'), actionEvent('utter_hello'), actionEvent(ACTION_LISTEN),
      userSays('ask_identity'), hidden('utter_identity'), hidden(ACTION_LISTEN),
      userSays('feel_good'),
    ]);
    const direct = startedTracker(domain, [
      userSays('hello'), actionEvent('utter_hello'), actionEvent(ACTION_LISTEN), userSays('feel_good'),
    ]);
    const seen = mlStates(withDetour.events, domain, { ruleOnly: NO_RULE_ONLY_DATA });
    expect(seen).toEqual(featurizeEvents(direct.events, domain).states);
  });

  it('keeps every turn when nothing is hidden', () => {
    const t = startedTracker(domain, [userSays('hello'), actionEvent('utter_hello'), actionEvent(ACTION_LISTEN), userSays('ask_identity')]);
    expect(mlStates(t.events, domain, { ruleOnly: NO_RULE_ONLY_DATA })).toEqual(featurizeEvents(t.events, domain).states);
  });

  it('a listen right after the loop ran keeps the visibility of the loop turn', () => {
    const t = startedTracker(domain, [
      userSays('book'), actionEvent('booking_form'), activeLoopEvent('booking_form'), actionEvent(ACTION_LISTEN),
      userSays('ask_identity'), hidden('utter_identity'),
      hidden('booking_form'),
      actionEvent(ACTION_LISTEN, { policy: 'RulePolicy', hideRuleTurn: false }),
      userSays('feel_good'),
    ]);
    const states = mlStates(t.events, domain, { ruleOnly: NO_RULE_ONLY_DATA });
    const last = states[states.length - 1];
    expect(last).toMatchObject({ user: { intent: 'feel_good' }, prevAction: { name: ACTION_LISTEN }, activeLoop: 'booking_form' });
    // the detour (identity question, loop re-run, listen) left no state behind
    expect(states.some((s) => s.user?.intent === 'ask_identity')).toBe(false);
  });

  it('drops slots and loops that only rules mention', () => {
    const t = startedTracker(domain, [slotEvent('premium', true), userSays('book'), actionEvent('booking_form'), activeLoopEvent('booking_form')]);
    const states = mlStates(t.events, domain, { ruleOnly: { slots: ['premium'], loops: ['booking_form'] } });
    const last = states[states.length - 1];
    expect(last?.slots).toBeUndefined();
    expect(last?.activeLoop).toBeUndefined();
  });
});

describe('ruleOnlyData', () => {
  it('lists slots and loops of rules that no story has', () => {
    const trackers = buildTrainingTrackers({
      domain,
      stories: [story('s', [intent('hello'), action('utter_hello')])],
      rules: [
        rule('premium hello', [intent('hello'), action('utter_vip')], { condition: [slots({ premium: true })] }),
        rule('start booking', [intent('book'), action('booking_form'), activeLoop('booking_form')]),
      ],
    });
    expect(ruleOnlyData(trackers)).toEqual({ slots: ['premium'], loops: ['booking_form'] });
  });
});
