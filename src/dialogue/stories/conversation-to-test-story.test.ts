import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_LISTEN, ACTION_SESSION_START, actionEvent, activeLoopEvent, sessionStartedEvent, slotEvent, userEvent } from '../../core/index.js';
import { annotateEntities, conversationToTestStory } from './conversation-to-test-story.js';

const user = (text: string, intent: string, entities: { entity: string; value: unknown; start?: number; end?: number }[] = []) =>
  userEvent(text, { text, intent: { name: intent, confidence: 0.9 }, entities });


describe('conversationToTestStory', () => {
  const events = [
    actionEvent(ACTION_SESSION_START), sessionStartedEvent(), actionEvent(ACTION_LISTEN),
    user('hi', 'greet'), actionEvent('utter_greet'), actionEvent(ACTION_LISTEN),
    actionEvent(ACTION_SESSION_START), sessionStartedEvent(), actionEvent(ACTION_LISTEN),
    user('I live in Paris', 'inform', [{ entity: 'city', value: 'Paris', start: 10, end: 15 }]),
    slotEvent('city', 'Paris'), actionEvent('order_form'), activeLoopEvent('order_form'), actionEvent(ACTION_LISTEN),
  ];

  it('writes the last session as a test story by default', () => {
    const yaml = conversationToTestStory(events, { name: 'conv-1' });
    const doc = parse(yaml) as { stories: { story: string; steps: Record<string, unknown>[] }[] };
    expect(doc.stories).toHaveLength(1);
    expect(doc.stories[0]?.story).toBe('conv-1');
    expect(doc.stories[0]?.steps).toEqual([
      { user: 'I live in [Paris](city)\n', intent: 'inform' },
      { slot_was_set: [{ city: 'Paris' }] },
      { action: 'order_form' },
      { active_loop: 'order_form' },
    ]);
  });

  it('writes every session when asked', () => {
    const doc = parse(conversationToTestStory(events, { name: 'c', allSessions: true })) as { stories: { steps: unknown[] }[] };
    expect(doc.stories).toHaveLength(2);
    expect(doc.stories[0]?.steps).toEqual([{ user: 'hi\n', intent: 'greet' }, { action: 'utter_greet' }]);
  });

  it('writes an empty conversation as an empty story list', () => {
    expect(parse(conversationToTestStory([], { name: 'x' }))).toEqual({ version: '3.1', stories: [] });
  });
});

describe('annotateEntities', () => {
  it('annotates synonyms and roles with the JSON form', () => {
    expect(annotateEntities('fly to NYC', [{ entity: 'city', value: 'New York', role: 'to', start: 7, end: 10 }]))
      .toBe('fly to [NYC]{"entity":"city","value":"New York","role":"to"}');
  });
});
