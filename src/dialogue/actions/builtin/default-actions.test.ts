import { describe, expect, it } from 'vitest';
import type { Event } from '../../../core/index.js';
import { actionEvent, activeLoopEvent, sessionStartedEvent, slotEvent, userEvent } from '../../../core/index.js';
import { orderDomain, parsed, texts, trackerOf, user } from '../../processor/order-domain.test-helper.js';
import { ActionRegistry } from '../action-registry.js';

const types = (events: Event[]): string[] => events.map((e) => (e.event === 'action' ? `action:${e.name}` : e.event === 'slot' ? `slot:${e.name}` : e.event));

async function run(name: string, events: Event[], tweak?: (d: ReturnType<typeof orderDomain>) => void): Promise<Event[]> {
  const d = orderDomain();
  tweak?.(d);
  return new ActionRegistry({ domain: d }).get(name).run({ tracker: trackerOf(d, events), domain: d, channel: 'rest' });
}

describe('default actions', () => {
  it('action_listen and action_unlikely_intent do nothing', async () => {
    expect(await run('action_listen', [])).toEqual([]);
    expect(await run('action_unlikely_intent', [])).toEqual([]);
  });

  it('action_restart utters utter_restart when defined, then restarts', async () => {
    const events = await run('action_restart', []);
    expect(types(events)).toEqual(['bot', 'restart']);
    expect(texts(events)).toEqual(['重新开始']);
    expect(types(await run('action_restart', [], (d) => { delete d.responses['utter_restart']; }))).toEqual(['restart']);
  });

  it('action_default_fallback utters utter_default then rewinds', async () => {
    expect(types(await run('action_default_fallback', []))).toEqual(['bot', 'rewind']);
  });

  it('action_back rewinds twice', async () => {
    expect(types(await run('action_back', []))).toEqual(['rewind', 'rewind']);
  });

  it('action_deactivate_loop ends the loop and clears requested_slot', async () => {
    const events = await run('action_deactivate_loop', [activeLoopEvent('order_form')]);
    expect(events).toMatchObject([{ event: 'active_loop', name: null }, { event: 'slot', name: 'requested_slot', value: null }]);
  });

  it('action_session_start carries applied slots over, then listens', async () => {
    const events = await run('action_session_start', [slotEvent('meal', '面'), slotEvent('session_started_metadata', { a: 1 })]);
    expect(types(events)).toEqual(['session_started', 'slot:meal', 'slot:session_started_metadata', 'action:action_listen']);
  });

  it('action_session_start without carry-over keeps only session_started_metadata', async () => {
    const events = await run('action_session_start', [slotEvent('meal', '面'), slotEvent('session_started_metadata', { a: 1 })],
      (d) => { d.sessionConfig.carryOverSlots = false; });
    expect(types(events)).toEqual(['session_started', 'slot:session_started_metadata', 'action:action_listen']);
  });

  it('action_default_ask_affirmation offers the runner-up of nlu_fallback', async () => {
    const pd = { ...parsed('hmm', 'nlu_fallback'), intent_ranking: [{ name: 'nlu_fallback', confidence: 0.4 }, { name: 'order_food', confidence: 0.3 }] };
    const [bot] = await run('action_default_ask_affirmation', [userEvent('hmm', pd)]);
    expect(bot).toMatchObject({
      event: 'bot', text: "Did you mean 'order_food'?", metadata: { utter_action: 'action_default_ask_affirmation' },
      data: { buttons: [{ title: 'Yes', payload: '/order_food' }, { title: 'No', payload: '/out_of_scope' }] },
    });
  });

  it('action_default_ask_rephrase utters utter_ask_rephrase', async () => {
    expect(texts(await run('action_default_ask_rephrase', [], (d) => { d.responses['utter_ask_rephrase'] = [{ text: '换个说法?' }]; }))).toEqual(['换个说法?']);
  });

  it('action_revert_fallback_events replays the affirmed message with full confidence', async () => {
    const events = await run('action_revert_fallback_events', [
      user('hmm', 'nlu_fallback'), actionEvent('action_default_ask_affirmation'), actionEvent('action_listen'),
      userEvent('yes', { ...parsed('yes', 'order_food'), intent: { name: 'order_food', confidence: 0.6 } }),
    ]);
    expect(types(events)).toEqual(['rewind', 'rewind', 'action:action_listen', 'user']);
    expect(events[3]).toMatchObject({ parse_data: { intent: { name: 'order_food', confidence: 1 } } });
    expect(await run('action_revert_fallback_events', [user('hi', 'greet'), actionEvent('utter_greet')])).toEqual([]);
  });

  it('action_extract_slots extracts from the latest message', async () => {
    const events = await run('action_extract_slots', [user('面', 'inform', [{ entity: 'meal', value: '面' }])]);
    expect(events).toMatchObject([{ event: 'slot', name: 'meal', value: '面' }]);
  });
});

describe('action_two_stage_fallback', () => {
  const withRephrase = (d: ReturnType<typeof orderDomain>): void => { d.responses['utter_ask_rephrase'] = [{ text: '换个说法?' }]; };

  it('activates and asks to affirm', async () => {
    const events = await run('action_two_stage_fallback', [user('hmm', 'nlu_fallback')], withRephrase);
    expect(types(events)).toEqual(['active_loop', 'bot']);
    expect(events[1]).toMatchObject({ metadata: { utter_action: 'action_default_ask_affirmation' } });
  });

  it('asks to rephrase when the user denies the guess', async () => {
    const events = await run('action_two_stage_fallback', [
      user('hmm', 'nlu_fallback'), activeLoopEvent('action_two_stage_fallback'), actionEvent('action_listen'), user('no', 'out_of_scope'),
    ], withRephrase);
    expect(texts(events)).toEqual(['换个说法?']);
  });

  it('ends and replays the clarified message when the user clarifies', async () => {
    const events = await run('action_two_stage_fallback', [
      user('hmm', 'nlu_fallback'), activeLoopEvent('action_two_stage_fallback'), actionEvent('action_listen'), user('我要点餐', 'order_food'),
    ]);
    expect(types(events)).toEqual(['active_loop', 'rewind', 'action:action_listen', 'user']);
  });

  it('gives up with action_default_fallback after two fallbacks in a row', async () => {
    const events = await run('action_two_stage_fallback', [
      sessionStartedEvent(), user('hmm', 'nlu_fallback'), activeLoopEvent('action_two_stage_fallback'), actionEvent('action_listen'), user('hmm?', 'nlu_fallback'),
    ]);
    expect(types(events)).toEqual(['active_loop', 'bot', 'rewind']);
    expect(texts(events)).toEqual(['没听懂']);
  });
});
