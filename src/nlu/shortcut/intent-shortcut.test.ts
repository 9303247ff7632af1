import { describe, expect, it } from 'vitest';
import { emptyDomain, type Domain } from '../../core/index.js';
import { IntentShortcut } from './intent-shortcut.js';

function domain(): Domain {
  const d = emptyDomain();
  d.intents = ['inform', 'greet', 'chitchat'].map((name) => ({ name, useEntities: true, ignoreEntities: [] }));
  d.entities = ['cuisine', 'num'].map((name) => ({ name, roles: [], groups: [] }));
  return d;
}

describe('IntentShortcut', () => {
  const shortcut = new IntentShortcut(domain());

  it('parses a bare intent with confidence 1', () => {
    expect(shortcut.parse('/greet')).toEqual({
      text: '/greet',
      intent: { name: 'greet', confidence: 1 },
      entities: [],
      intent_ranking: [{ name: 'greet', confidence: 1 }],
      parley: { decided_by: 'shortcut' },
    });
  });

  it('reads entities from the JSON dict, expanding lists, dropping unknown types, spanning the {...}', () => {
    const text = '/inform{"cuisine":"greek","num":[1,2],"colour":"red"}';
    const result = shortcut.parse(text);
    const start = text.indexOf('{');
    expect(result?.entities).toEqual([
      { entity: 'cuisine', start, end: text.length, value: 'greek', extractor: 'RegexMessageHandler' },
      { entity: 'num', start, end: text.length, value: 1, extractor: 'RegexMessageHandler' },
      { entity: 'num', start, end: text.length, value: 2, extractor: 'RegexMessageHandler' },
    ]);
  });

  it('takes an explicit confidence, capped at 1', () => {
    expect(shortcut.parse('/inform@0.7{"cuisine":"thai"}')?.intent).toEqual({ name: 'inform', confidence: 0.7 });
    expect(shortcut.parse('/greet@3')?.intent).toEqual({ name: 'greet', confidence: 1 });
  });

  it('treats unknown intents and invalid JSON as plain text', () => {
    expect(shortcut.parse('/unknown_intent')).toBeUndefined();
    expect(shortcut.parse('/inform{cuisine: greek}')).toBeUndefined();
    expect(shortcut.parse('greet')).toBeUndefined();
  });

  it('resolves a full retrieval intent to its base intent', () => {
    expect(shortcut.parse('/chitchat/ask_name')?.intent).toEqual({ name: 'chitchat', confidence: 1, full_retrieval_intent_name: 'chitchat/ask_name' });
  });

  it('knows the default intents', () => {
    expect(shortcut.parse('/restart')?.intent?.name).toBe('restart');
  });
});
