import { describe, expect, it } from 'vitest';
import { expandStories } from './expand-stories.js';
import type { LinearStep } from './linear-story.js';
import { action, checkpoint, intent, or, slots, story } from './story-builders.js';

const names = (steps: readonly LinearStep[]): string[] =>
  steps.map((s) => (s.kind === 'action' ? s.name : s.kind === 'user' ? (s.intent ?? '') : s.kind));

describe('expandStories', () => {
  it('links a story ending in a checkpoint to every story starting with it', () => {
    const { stories } = expandStories([
      story('start', [intent('greet'), action('utter_greet'), checkpoint('greeted')]),
      story('happy', [checkpoint('greeted'), intent('mood_great'), action('utter_happy')]),
      story('sad', [checkpoint('greeted'), intent('mood_sad'), action('utter_cheer_up')]),
    ]);
    expect(stories.map((s) => s.name)).toEqual(['start > happy', 'start > sad']);
    expect(names(stories[0]?.steps ?? [])).toEqual(['greet', 'utter_greet', 'mood_great', 'utter_happy']);
    expect(stories[1]?.parts.map((p) => p.name)).toEqual(['start', 'sad']);
  });

  it('only follows a start checkpoint whose slot conditions hold', () => {
    const { stories } = expandStories([
      story('ask', [intent('feedback'), slots({ feedback: 'positive' }), checkpoint('fb')]),
      story('positive', [checkpoint('fb', [{ name: 'feedback', value: 'positive' }]), action('utter_thanks')]),
      story('negative', [checkpoint('fb', [{ name: 'feedback', value: 'negative' }]), action('utter_sorry')]),
    ]);
    expect(stories.map((s) => s.name)).toEqual(['ask > positive']);
  });

  it('expands `or` steps into one story per alternative', () => {
    const { stories } = expandStories([story('thanks', [or(intent('thankyou'), intent('affirm')), action('utter_noworries')])]);
    expect(stories.map((s) => names(s.steps))).toEqual([['thankyou', 'utter_noworries'], ['affirm', 'utter_noworries']]);
  });

  it('splits a story at a checkpoint in the middle', () => {
    const { stories } = expandStories([
      story('a', [intent('greet'), checkpoint('mid'), action('utter_greet')]),
      story('b', [intent('hello'), checkpoint('mid')]),
    ]);
    expect(stories.map((s) => names(s.steps))).toEqual([['greet', 'utter_greet'], ['hello', 'utter_greet']]);
  });

  it('cuts checkpoint cycles and caps the number of paths', () => {
    const loop = [
      story('start', [intent('greet'), checkpoint('c')]),
      story('again', [checkpoint('c'), intent('more'), action('utter_more'), checkpoint('c')]),
      story('end', [checkpoint('c'), intent('bye'), action('utter_bye')]),
    ];
    const { stories } = expandStories(loop);
    expect(stories.length).toBeGreaterThan(0);
    expect(stories.length).toBeLessThan(20);
    const capped = expandStories([story('many', Array.from({ length: 12 }, () => or(intent('a'), intent('b'))))], { maxPaths: 100 });
    expect(capped.stories).toHaveLength(100);
    expect(capped.warnings.join()).toMatch(/stopped at 100/);
  });

  it('warns about a checkpoint no story leads to', () => {
    const { warnings } = expandStories([story('orphan', [checkpoint('nowhere'), action('utter_x')])]);
    expect(warnings.join()).toMatch(/"nowhere".*never reached/);
  });
});
