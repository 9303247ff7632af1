// Replay details real projects rely on: rule-only turns logged hidden, retrieval responses named in full.
import { describe, expect, it } from 'vitest';
import type { ParseData } from '../../core/index.js';
import { trainPolicies } from '../policies/index.js';
import { action, domainWith, intent, rule, story, userText } from '../stories/story-builders.js';
import { evaluateStories } from './evaluate-stories.js';

const domain = domainWith({
  intents: ['hello', 'ask_identity', 'feel_good', 'smalltalk'],
  responses: ['utter_hello', 'utter_identity', 'utter_glad', 'utter_smalltalk/weather'],
});
const training = {
  domain,
  stories: [story('feeling', [intent('hello'), action('utter_hello'), intent('feel_good'), action('utter_glad')])],
  rules: [
    rule('identity', [intent('ask_identity'), action('utter_identity')]),
    rule('smalltalk', [intent('smalltalk'), action('utter_smalltalk')]),
  ],
};
/** A fake NLU: the first word is the intent (`base/key` for a retrieval intent). */
async function parse(text: string): Promise<ParseData> {
  const [word = ''] = text.split(' ');
  const [base = word] = word.split('/');
  const intent = word.includes('/') ? { name: base, confidence: 1, full_retrieval_intent_name: word } : { name: base, confidence: 1 };
  return { text, intent, entities: [] };
}

async function evaluate(tests: Parameters<typeof evaluateStories>[0]) {
  return evaluateStories(tests, { domain, policies: await trainPolicies([], training), parse });
}

describe('story replay', () => {
  it('a rule-only detour inside a story does not break memoization', async () => {
    const result = await evaluate([story('detour', [
      intent('hello'), action('utter_hello'),
      intent('ask_identity'), action('utter_identity'),
      intent('feel_good'), action('utter_glad'),
    ])]);
    expect(result.stories[0]?.failures).toEqual([]);
  });

  it('accepts the retrieval action where the story names the full response, then listens', async () => {
    const result = await evaluate([story('retrieval', [
      userText('smalltalk/weather how is it outside', 'smalltalk/weather'), action('utter_smalltalk/weather'), action('action_listen'),
    ])]);
    expect(result.stories[0]?.failures).toEqual([]);
    expect(result.actions.correct).toBe(2);
  });

  it('still fails a retrieval response of another key', async () => {
    const result = await evaluate([story('other key', [userText('smalltalk/weather hi', 'smalltalk/weather'), action('utter_smalltalk/jokes')])]);
    expect(result.stories[0]?.failures[0]).toMatchObject({ kind: 'action', expected: 'utter_smalltalk/jokes', predicted: 'utter_smalltalk' });
  });
});
