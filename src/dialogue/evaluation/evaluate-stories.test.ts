import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ParseData } from '../../core/index.js';
import { trainPolicies } from '../policies/index.js';
import { action, activeLoop, domainWith, intent, or, rule, slots, story, userText } from '../stories/story-builders.js';
import { evaluateStories } from './evaluate-stories.js';

const domain = domainWith({
  intents: ['greet', 'request_order', 'inform', 'chitchat', 'thanks', 'affirm'],
  entities: ['product'],
  slots: [{ name: 'product', mappings: [{ type: 'from_entity', entity: 'product' }] }],
  forms: { order_form: ['product'] },
  responses: ['utter_greet', 'utter_submit', 'utter_chitchat', 'utter_welcome'],
});

const training = {
  domain,
  stories: [story('greet', [intent('greet'), action('utter_greet')])],
  rules: [
    rule('activate', [intent('request_order'), action('order_form'), activeLoop('order_form')]),
    rule('submit', [action('order_form'), activeLoop(null), action('utter_submit')], { condition: [activeLoop('order_form')] }),
    rule('chitchat', [intent('chitchat'), action('utter_chitchat')]),
    rule('thanks', [intent('thanks'), action('utter_welcome')]),
  ],
};

/** A fake NLU: the intent is the first word of the text, entities "product=<x>" are found by `[x]`. */
async function fakeParse(text: string): Promise<ParseData> {
  const [word = ''] = text.split(' ');
  const m = /\[(\w+)\]/.exec(text);
  return { text, intent: { name: word, confidence: 1 }, entities: m ? [{ entity: 'product', value: m[1] }] : [] };
}

async function evaluate(tests: Parameters<typeof evaluateStories>[0]) {
  const policies = await trainPolicies([], training);
  return evaluateStories(tests, { domain, policies, parse: fakeParse });
}

describe('evaluateStories', () => {
  it('passes a form story with compressed activation and deactivation', async () => {
    const result = await evaluate([story('order', [
      userText('greet hi', 'greet'), action('utter_greet'),
      userText('request_order one [tea]', 'request_order', [{ entity: 'product', value: 'tea' }]), slots({ product: 'tea' }),
      action('order_form'), activeLoop('order_form'), activeLoop(null), action('utter_submit'),
    ])]);
    expect(result.stories[0]).toMatchObject({ name: 'order', passed: true, failures: [] });
    expect(result.conversation).toEqual({ correct: 1, total: 1, accuracy: 1 });
    // utter_greet, action_listen, order_form, utter_submit, and the final action_listen
    expect(result.actions).toEqual({ correct: 5, total: 5, accuracy: 1 });
    expect(result.failedStoriesYaml()).toMatch(/None of the test stories failed/);
  });

  it('emulates the form rejecting an interruption inside the loop', async () => {
    const result = await evaluate([story('interrupted', [
      intent('request_order'), action('order_form'), activeLoop('order_form'),
      intent('chitchat'), action('utter_chitchat'), action('order_form'),
      intent('inform', [{ entity: 'product', value: 'tea' }]), action('order_form'), activeLoop(null), action('utter_submit'),
    ])]);
    expect(result.stories[0]?.failures).toEqual([]);
  });

  it('fails a story on a wrong action and writes it with a # predicted comment', async () => {
    const result = await evaluate([
      story('wrong', [intent('greet'), action('utter_submit')], { file: 'tests/test_stories.yml', line: 4 }),
      story('right', [or(intent('thanks'), intent('chitchat')), action('utter_welcome')]),
    ]);
    expect(result.stories.map((s) => [s.name, s.passed])).toEqual([['wrong', false], ['right', true], ['right', false]]);
    expect(result.stories[0]?.failures[0]).toMatchObject({ kind: 'action', expected: 'utter_submit', predicted: 'utter_greet', source: { file: 'tests/test_stories.yml', line: 7 } });
    expect(result.conversation.correct).toBe(1);
    const yaml = result.failedStoriesYaml();
    expect(yaml).toContain('- action: utter_submit  # predicted: utter_greet');
    expect(yaml).toContain('- action: utter_welcome  # predicted: utter_chitchat');
    expect((parseYaml(yaml) as { stories: unknown[] }).stories).toHaveLength(2);
  });

  it('counts an NLU mismatch as a failure but replays the gold intent', async () => {
    const result = await evaluate([story('nlu', [userText('chitchat hello', 'greet'), action('utter_greet')])]);
    const [s] = result.stories;
    expect(s?.passed).toBe(false);
    expect(s?.failures).toEqual([expect.objectContaining({ kind: 'intent', expected: 'greet', predicted: 'chitchat' })]);
    expect(result.actions.accuracy).toBe(1); // utter_greet was predicted from the gold intent
    expect(result.intents).toEqual({ correct: 0, total: 1, accuracy: 0 });
    expect(result.failedStoriesYaml()).toContain('intent: greet  # predicted: chitchat: chitchat hello');
  });

  it('checks entities when the story gives them', async () => {
    const result = await evaluate([story('ents', [userText('request_order [coffee]', 'request_order', [{ entity: 'product', value: 'tea' }]), action('order_form'), activeLoop('order_form')])]);
    expect(result.stories[0]?.failures.map((f) => f.kind)).toEqual(['entities']);
  });

  it('accepts a normalized entity value whose surface text is the annotated one', async () => {
    const parse = async (text: string): Promise<ParseData> => ({
      text, intent: { name: 'request_order', confidence: 1 }, entities: [{ entity: 'product', value: 'TEA', text: 'tea' }],
    });
    const policies = await trainPolicies([], training);
    const steps = [userText('two teas', 'request_order', [{ entity: 'product', value: 'tea' }]), action('order_form'), activeLoop('order_form')];
    const ok = await evaluateStories([story('normalized', steps)], { domain, policies, parse });
    expect(ok.stories[0]?.passed).toBe(true);
    const wrong = await evaluateStories([story('other', steps)], { domain, policies, parse: async (t) => ({ ...(await parse(t)), entities: [{ entity: 'product', value: 'milk', text: 'milk' }] }) });
    expect(wrong.stories[0]?.passed).toBe(false);
  });

  it('checks the action_listen a bot turn ends with', async () => {
    const result = await evaluate([story('no listen', [intent('thanks'), action('utter_welcome'), action('utter_greet')])]);
    expect(result.stories[0]?.failures[0]).toMatchObject({ expected: 'utter_greet', predicted: 'action_listen' });
  });
});
