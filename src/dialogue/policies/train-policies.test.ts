import { describe, expect, it } from 'vitest';
import { actionEvent } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import { action, activeLoop, domainWith, intent, rule, startedTracker, story, userSays } from '../stories/story-builders.js';
import { findContradictions } from './contradictions.js';
import { loadPolicies, trainPolicies } from './train-policies.js';

const domain = domainWith({ intents: ['greet', 'mood_great', 'request_order', 'inform', 'chitchat'], forms: { order_form: ['product'] }, slots: [{ name: 'product' }] });
const stories = [story('happy', [intent('greet'), action('utter_greet'), intent('mood_great'), action('utter_happy')], { file: 'data/stories.yml', line: 3 })];
const rules = [rule('greet', [intent('greet'), action('utter_greet')], { source: { file: 'data/rules.yml', line: 5 } })];

describe('trainPolicies', () => {
  it('uses Rasa\'s default policies when none are configured, and round-trips through persist/load', async () => {
    const trained = await trainPolicies([], { stories, rules, domain });
    expect(trained.policies.map((p) => p.name)).toEqual(['MemoizationPolicy', 'RulePolicy']);
    const loaded = loadPolicies(JSON.parse(JSON.stringify(trained.persist())), domain);
    const t = startedTracker(domain, [userSays('greet'), actionEvent('utter_greet')]);
    expect(loaded.predict(t, domain).action).toBe('action_listen');
    expect(loaded.predict(startedTracker(domain, [userSays('greet')]), domain)).toMatchObject({ action: 'utter_greet', policy: 'RulePolicy' });
  });

  it('accepts TED policies with a warning and rejects unknown names', async () => {
    const trained = await trainPolicies([{ name: 'TEDPolicy', epochs: 5 }, { name: 'RulePolicy' }], { stories, rules, domain });
    expect(trained.warnings.join()).toMatch(/TEDPolicy is accepted but not trained/);
    await expect(trainPolicies([{ name: 'FancyPolicy' }], { stories, rules, domain })).rejects.toSatisfy((e) => isParleyError(e, 'CONFIG_INVALID'));
    await expect(trainPolicies([{ name: 'RulePolicy', core_fallback_threshold: 'high' }], { stories, rules, domain }))
      .rejects.toSatisfy((e) => isParleyError(e, 'CONFIG_INVALID'));
  });

  it('reports progress', async () => {
    const stages: string[] = [];
    await trainPolicies([{ name: 'MemoizationPolicy', max_history: 3 }], { stories, rules, domain }, { onProgress: (s) => stages.push(s) });
    expect(stages).toEqual(['MemoizationPolicy', 'done']);
  });

  it('rejects rules with more than one user turn unless restrict_rules is false', async () => {
    const long = [rule('long', [intent('greet'), action('utter_greet'), intent('mood_great'), action('utter_happy')])];
    await expect(trainPolicies([{ name: 'RulePolicy' }], { stories: [], rules: long, domain })).rejects.toSatisfy((e) => isParleyError(e, 'TRAINING_FAILED'));
    await expect(trainPolicies([{ name: 'RulePolicy', restrict_rules: false }], { stories: [], rules: long, domain })).resolves.toBeDefined();
  });

  it('fails on contradictions unless check_for_contradictions is false', async () => {
    const bad = [...rules, rule('hello', [intent('greet'), action('utter_hello')], { source: { file: 'data/rules.yml', line: 9 } })];
    const err = await trainPolicies([{ name: 'RulePolicy' }], { stories: [], rules: bad, domain }).catch((e: unknown) => e);
    expect(isParleyError(err, 'TRAINING_FAILED')).toBe(true);
    expect(String((err as Error).message)).toMatch(/rules\.yml/);
    await expect(trainPolicies([{ name: 'RulePolicy', check_for_contradictions: false }], { stories: [], rules: bad, domain })).resolves.toBeDefined();
  });
});

describe('findContradictions', () => {
  it('finds rules that predict different actions for the same state', () => {
    const found = findContradictions({ stories: [], rules: [...rules, rule('hello', [intent('greet'), action('utter_hello')], { source: { file: 'data/rules.yml', line: 9 } })], domain });
    expect(found.length).toBeGreaterThan(0);
    const names = found.flatMap((c) => [c.tracker.name, ...c.rules.map((r) => r.name)]);
    expect(names).toEqual(expect.arrayContaining(['greet', 'hello']));
    expect(found[0]?.message).toMatch(/data\/rules\.yml:/);
  });

  it('finds a story that continues differently where a rule applies, naming the story line', () => {
    const s = story('rude', [intent('greet'), action('utter_go_away')], { file: 'data/stories.yml', line: 20 });
    const [c] = findContradictions({ stories: [s], rules, domain });
    expect(c).toMatchObject({ tracker: { kind: 'story', name: 'rude' }, expected: 'utter_go_away', predicted: 'utter_greet', step: { file: 'data/stories.yml', line: 23 } });
    expect(c?.rules.map((r) => r.name)).toEqual(['greet']);
  });

  it('accepts consistent stories, rules and forms (incl. the loop\'s unhappy path)', () => {
    const formRules = [
      rule('activate', [intent('request_order'), action('order_form'), activeLoop('order_form')]),
      rule('submit', [action('order_form'), activeLoop(null), action('utter_submit')], { condition: [activeLoop('order_form')] }),
      rule('chitchat', [intent('chitchat'), action('utter_chitchat')]),
    ];
    const formStory = story('order', [
      intent('greet'), action('utter_greet'), intent('request_order'), action('order_form'), activeLoop('order_form'),
      intent('chitchat'), action('utter_chitchat'), action('order_form'), intent('inform'), action('order_form'), activeLoop(null), action('utter_submit'),
    ]);
    expect(findContradictions({ stories: [...stories, formStory], rules: [...rules, ...formRules], domain })).toEqual([]);
  });

  it('is fast for hundreds of stories and rules', () => {
    const many = Array.from({ length: 400 }, (_, i) => story(`s${i}`, [intent('greet'), action('utter_greet'), intent('mood_great'), action(`utter_${i % 7}`)]));
    const manyRules = Array.from({ length: 200 }, (_, i) => rule(`r${i}`, [intent(`i${i}`), action(`utter_r${i}`)]));
    const start = performance.now();
    const found = findContradictions({ stories: many, rules: [...rules, ...manyRules], domain });
    expect(found).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
