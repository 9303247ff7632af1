import { describe, expect, it } from 'vitest';
import { readRules, readStories } from './read-stories.js';
import { YamlSource } from './yaml-source.js';

function parse(text: string, file = 'data/stories.yml') {
  const src = YamlSource.parse(file, text);
  const get = (k: string) => src.entries(src.root, 'root').find((e) => e.key === k)?.value ?? null;
  return { src, get };
}
const stories = (text: string, test = false) => {
  const { src, get } = parse(text);
  return { stories: readStories(src, get('stories'), { test }), warnings: src.warnings };
};
const rules = (text: string) => {
  const { src, get } = parse(text, 'data/rules.yml');
  return readRules(src, get('rules'));
};

describe('story reading', () => {
  it('reads every step kind', () => {
    const { stories: [story] } = stories(`stories:
- story: happy path
  metadata: {author: x}
  steps:
  - intent: request_restaurant
    entities:
    - cuisine: italian
    - cuisine
    - {city: Berlin, role: departure}
    - {entity: person, value: Ann, group: "1"}
  - action: restaurant_form
  - active_loop: restaurant_form
  - active_loop: null
  - slot_was_set:
    - requested_slot: null
    - name
  - user: "I can go for [sushi](cuisine)"
  - bot: Personally I prefer pizza
  - checkpoint: after
    slot_was_set:
    - feedback: positive
  - or:
    - intent: affirm
    - slot_was_set:
      - ok: true
`);
    expect(story?.name).toBe('happy path');
    expect(story?.metadata).toEqual({ author: 'x' });
    expect(story?.source).toEqual({ file: 'data/stories.yml', line: 2 });
    const steps = story?.steps.map(({ source: _s, ...rest }) => rest);
    expect(steps).toEqual([
      { kind: 'user', intent: 'request_restaurant', entities: [
        { entity: 'cuisine', value: 'italian' }, { entity: 'cuisine' },
        { entity: 'city', value: 'Berlin', role: 'departure' }, { entity: 'person', value: 'Ann', group: '1' }] },
      { kind: 'action', name: 'restaurant_form' },
      { kind: 'active_loop', name: 'restaurant_form' },
      { kind: 'active_loop', name: null },
      { kind: 'slot_was_set', slots: [{ name: 'requested_slot', value: null }, { name: 'name', value: 'filled', anyValue: true }] },
      { kind: 'user', text: 'I can go for sushi', entities: [{ entity: 'cuisine', value: 'sushi' }] },
      { kind: 'bot', text: 'Personally I prefer pizza' },
      { kind: 'checkpoint', name: 'after', slotWasSet: [{ name: 'feedback', value: 'positive' }] },
      { kind: 'or', alternatives: [
        expect.objectContaining({ kind: 'user', intent: 'affirm' }),
        expect.objectContaining({ kind: 'slot_was_set', slots: [{ name: 'ok', value: true }] })] },
    ]);
    expect(story?.steps[1]?.source).toEqual({ file: 'data/stories.yml', line: 11 });
  });

  it('strips a leading slash with a warning and reduces retrieval intents except in test stories', () => {
    const text = 'stories:\n- story: s\n  steps:\n  - intent: /greet\n  - intent: faq/ask_name\n';
    const normal = stories(text);
    expect(normal.stories[0]?.steps.map((s) => s.kind === 'user' && s.intent)).toEqual(['greet', 'faq']);
    expect(normal.warnings).toEqual([expect.objectContaining({ kind: 'intent_slash', line: 4 })]);
    expect(stories(text, true).stories[0]?.steps.map((s) => s.kind === 'user' && s.intent)).toEqual(['greet', 'faq/ask_name']);
  });

  it('fails on unknown step keys and malformed steps with file:line', () => {
    expect(() => stories('stories:\n- story: s\n  steps:\n  - intent: greet\n  - acton: utter_greet\n'))
      .toThrow(/^data\/stories.yml:5: unknown step key 'acton' \(expected one of intent, user, action/);
    expect(() => stories('stories:\n- story: s\n  steps:\n  - action: a\n    intent: b\n'))
      .toThrow(/^data\/stories.yml:\d: a user step cannot also have 'action'/);
    expect(() => stories('stories:\n- story: s\n  stepz: []\n')).toThrow(/^data\/stories.yml:3: a story has unknown key 'stepz'/);
    expect(() => stories('stories:\n- story: s\n  steps:\n  - or:\n    - action: x\n')).toThrow(/'or' may only contain/);
  });
});

describe('rule reading', () => {
  it('reads condition, conversation_start and wait_for_user_input', () => {
    const [first, second] = rules(`rules:
- rule: greet at start
  conversation_start: true
  steps:
  - intent: greet
  - action: utter_greet
- rule: submit
  condition:
  - active_loop: restaurant_form
  - slot_was_set:
    - detailed: true
  steps:
  - action: restaurant_form
  - active_loop: null
  wait_for_user_input: false
`);
    expect(first).toMatchObject({ name: 'greet at start', conversationStart: true, waitForUserInput: true, condition: [] });
    expect(second?.condition.map((c) => c.kind)).toEqual(['active_loop', 'slot_was_set']);
    expect(second).toMatchObject({ conversationStart: false, waitForUserInput: false, source: { file: 'data/rules.yml', line: 7 } });
  });

  it('rejects a condition with a disallowed key', () => {
    expect(() => rules('rules:\n- rule: r\n  condition:\n  - intent: greet\n  steps:\n  - action: a\n'))
      .toThrow(/^data\/rules.yml:4: a rule condition may only contain active_loop and slot_was_set steps \(got 'intent'\)/);
  });
});
