import { describe, expect, it } from 'vitest';
import { ACTION_LISTEN, actionEvent, activeLoopEvent, slotEvent } from '../../core/index.js';
import { domainWith, startedTracker, userSays } from '../stories/story-builders.js';
import { featurizeEvents, trackerStates } from './featurize.js';
import { SHOULD_NOT_BE_SET, stateKey } from './dialogue-state.js';
import { slotFeature } from './slot-features.js';

const domain = domainWith({
  intents: ['greet', 'inform'],
  slots: [
    { name: 'name', type: 'text' },
    { name: 'vip', type: 'bool' },
    { name: 'size', type: 'categorical', values: ['small', 'large', '__other__'] },
    { name: 'count', type: 'float', minValue: 0, maxValue: 10 },
    { name: 'items', type: 'list' },
    { name: 'note', type: 'any', influenceConversation: false },
    { name: 'quiet', type: 'text', influenceConversation: false },
  ],
});

describe('trackerStates', () => {
  it('gives one state per action plus the current state, starting empty', () => {
    const t = startedTracker(domain, [userSays('greet', [{ entity: 'name', value: 'Ann' }]), actionEvent('utter_greet')]);
    const states = trackerStates(t, domain);
    expect(states).toEqual([
      {},
      { user: { intent: 'greet', entities: ['name'] }, prevAction: { name: ACTION_LISTEN } },
      { user: { intent: 'greet', entities: ['name'] }, prevAction: { name: 'utter_greet' } },
    ]);
  });

  it('drops the session start sequence (applied events only)', () => {
    const t = startedTracker(domain, [userSays('greet')]);
    expect(trackerStates(t, domain)).toHaveLength(2);
  });

  it('featurizes influencing slots and the active loop', () => {
    const t = startedTracker(domain, [
      userSays('inform'), slotEvent('name', 'Ann'), slotEvent('vip', false), slotEvent('size', 'LARGE'),
      slotEvent('count', 5), slotEvent('items', []), slotEvent('note', 'x'), slotEvent('quiet', 'y'), activeLoopEvent('f'),
    ]);
    const current = trackerStates(t, domain).at(-1);
    expect(current?.slots).toEqual({ name: '1', vip: 'false', size: 'large', count: '0.5' });
    expect(current?.activeLoop).toBe('f');
  });

  it('filters entities by the intent\'s use_entities', () => {
    const d = domainWith({ intents: ['inform'] });
    d.intents[0] = { name: 'inform', useEntities: ['city'], ignoreEntities: [] };
    const t = startedTracker(d, [userSays('inform', [{ entity: 'city', value: 'x', role: 'to' }, { entity: 'date', value: 'y' }])]);
    expect(trackerStates(t, d).at(-1)?.user?.entities).toEqual(['city', 'city#to']); // roles of a used entity count too
  });
});

describe('rule mode', () => {
  it('features only mentioned slots, and explicit nulls as "must not be set"', () => {
    const { states } = featurizeEvents([actionEvent('...'), slotEvent('name', null), activeLoopEvent(null), actionEvent('x')], domain, { ruleMode: true });
    expect(states.at(-1)).toEqual({ prevAction: { name: 'x' }, activeLoop: SHOULD_NOT_BE_SET, slots: { name: SHOULD_NOT_BE_SET } });
  });
});

describe('slotFeature', () => {
  it('maps unknown categorical values to __other__ and scales floats', () => {
    const size = domain.slots.find((s) => s.name === 'size');
    const count = domain.slots.find((s) => s.name === 'count');
    expect(size && slotFeature(size, 'medium')).toBe('__other__');
    expect(count && slotFeature(count, 20)).toBe('1');
    expect(count && slotFeature(count, 0)).toBeUndefined();
  });

  it('keys equal states equally whatever the slot order', () => {
    expect(stateKey({ slots: { a: '1', b: '1' } })).toBe(stateKey({ slots: { b: '1', a: '1' } }));
  });
});
