import { describe, expect, it } from 'vitest';
import { actionEvent } from '../../core/index.js';
import { storyTrackers } from '../stories/index.js';
import { action, domainWith, intent, startedTracker, story, userSays } from '../stories/story-builders.js';
import { MemoizationPolicy } from './memoization-policy.js';
import type { MemoizationName } from './memoization-policy.js';

const domain = domainWith({ intents: ['greet', 'mood_great', 'mood_sad', 'bye'] });
const stories = [
  story('happy', [intent('greet'), action('utter_greet'), intent('mood_great'), action('utter_happy')]),
  story('sad', [intent('greet'), action('utter_greet'), intent('mood_sad'), action('utter_cheer_up')]),
];

function train(maxHistory: number | null, name: MemoizationName = 'MemoizationPolicy') {
  return MemoizationPolicy.train(storyTrackers(stories, domain).trackers, domain, { name, priority: 3, maxHistory });
}

describe('MemoizationPolicy', () => {
  it('predicts what followed an identical history, with confidence 1', () => {
    const policy = train(null);
    const t = startedTracker(domain, [userSays('greet'), actionEvent('utter_greet'), actionEvent('action_listen'), userSays('mood_sad')]);
    expect(policy.predict(t, domain)).toMatchObject({ action: 'utter_cheer_up', confidence: 1, policy: 'MemoizationPolicy', priority: 3 });
    expect(policy.predict(startedTracker(domain, [userSays('greet'), actionEvent('utter_greet')]), domain)?.action).toBe('action_listen');
  });

  it('with the whole history, an unseen beginning matches nothing', () => {
    const t = startedTracker(domain, [userSays('bye'), actionEvent('utter_bye'), actionEvent('action_listen'), userSays('mood_sad')]);
    expect(train(null).predict(t, domain)).toBeUndefined();
  });

  it('with max_history, only the recent states count', () => {
    const t = startedTracker(domain, [userSays('bye'), actionEvent('utter_greet'), actionEvent('action_listen'), userSays('mood_sad')]);
    expect(train(null).predict(t, domain)).toBeUndefined();
    expect(train(2).predict(t, domain)).toBeUndefined(); // the state after utter_greet still carries the intent 'bye'
    expect(train(1).predict(t, domain)?.action).toBe('utter_cheer_up');
  });

  it('AugmentedMemoizationPolicy forgets old turns until a story matches', () => {
    const t = startedTracker(domain, [
      userSays('bye'), actionEvent('utter_bye'), actionEvent('action_listen'), userSays('greet'), actionEvent('utter_greet'),
      actionEvent('action_listen'), userSays('mood_great'),
    ]);
    expect(train(null).predict(t, domain)).toBeUndefined();
    expect(train(null, 'AugmentedMemoizationPolicy').predict(t, domain)).toMatchObject({ action: 'utter_happy', policy: 'AugmentedMemoizationPolicy' });
  });

  it('drops histories that stories continue differently', () => {
    const conflicting = [story('a', [intent('greet'), action('utter_a')]), story('b', [intent('greet'), action('utter_b')])];
    const policy = MemoizationPolicy.train(storyTrackers(conflicting, domain).trackers, domain, { name: 'MemoizationPolicy', priority: 3, maxHistory: null });
    expect(policy.predict(startedTracker(domain, [userSays('greet')]), domain)).toBeUndefined();
  });

  it('round-trips through persist', () => {
    const policy = train(3);
    const copy = MemoizationPolicy.fromData(JSON.parse(JSON.stringify(policy.persist())));
    const t = startedTracker(domain, [userSays('greet')]);
    expect(copy.predict(t, domain)?.action).toBe('utter_greet');
    expect(copy.size).toBe(policy.size);
  });
});
