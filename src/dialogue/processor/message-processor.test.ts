import { describe, expect, it, vi } from 'vitest';
import type { BotEvent, Event, ParseData } from '../../core/index.js';
import { actionEvent, followupEvent, nowSeconds, restartEvent, sessionStartedEvent, slotEvent, userEvent } from '../../core/index.js';
import type { Action } from '../actions/action.js';
import { actionRejected } from '../actions/action-errors.js';
import { ActionRegistry } from '../actions/action-registry.js';
import { defineAction } from '../actions/define-action.js';
import type { DialogueLogger } from '../actions/logger.js';
import type { PolicyEnsemble } from '../policy.js';
import { MessageProcessor } from './message-processor.js';
import { ent, orderDomain, parsed, texts, trackerOf } from './order-domain.test-helper.js';
import type { ScriptedRule } from './scripted-policy.test-helper.js';
import { ScriptedPolicy, constantPolicy } from './scripted-policy.test-helper.js';

const NLU: Record<string, ParseData> = {
  你好: parsed('你好', 'greet'),
  重来: parsed('重来', 'restart'),
  我要面: parsed('我要面', 'order_food', [ent('meal', '面')]),
};

function setup(opts: { rules?: ScriptedRule[]; policies?: PolicyEnsemble; actions?: Action[]; max?: number; events?: Event[]; declared?: string[] } = {}) {
  const domain = orderDomain();
  domain.actions.push(...(opts.declared ?? []));
  const logger: DialogueLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const parse = vi.fn(async (text: string) => NLU[text] ?? parsed(text, 'nlu_fallback'));
  const processor = new MessageProcessor({
    domain, policies: opts.policies ?? new ScriptedPolicy(opts.rules ?? [{ intent: 'greet', action: 'utter_greet' }]),
    actions: new ActionRegistry({ domain, actions: opts.actions ?? [] }), parse, logger, ...(opts.max ? { maxActionsPerTurn: opts.max } : {}),
  });
  return { domain, processor, logger, parse, tracker: trackerOf(domain, opts.events ?? []) };
}

const shape = (events: readonly Event[]): string[] => events.map((e) => {
  if (e.event === 'action') return `action:${e.name}`;
  if (e.event === 'slot') return `slot:${e.name}`;
  if (e.event === 'user') return `user:${e.parse_data.intent?.name ?? ''}`;
  return e.event;
});

describe('MessageProcessor.handleMessage', () => {
  it('starts a session, parses, logs the user event and runs the prediction loop', async () => {
    const { processor, tracker, parse } = setup();
    const seen: BotEvent[] = [];
    const out = await processor.handleMessage(tracker, { text: '你好', inputChannel: 'rest', messageId: 'm1' }, (b) => { seen.push(b); });
    expect(shape(out.newEvents)).toEqual([
      'action:action_session_start', 'session_started', 'action:action_listen', 'user:greet', 'action:utter_greet', 'bot', 'action:action_listen',
    ]);
    expect(parse).toHaveBeenCalledWith('你好', { messageId: 'm1' });
    expect(out.newEvents[0]).toMatchObject({ policy: null, confidence: 1 });
    expect(out.newEvents[4]).toMatchObject({ policy: 'ScriptedPolicy', confidence: 1 });
    expect(out.newEvents[3]).toMatchObject({ input_channel: 'rest', message_id: 'm1' });
    expect(texts(seen)).toEqual(['您好!']);
    expect(out.botEvents).toEqual(seen);
  });

  it('skips NLU when parse data is given and puts message metadata into session_started_metadata', async () => {
    const { processor, tracker, parse } = setup();
    const out = await processor.handleMessage(tracker, { text: 'x', metadata: { device: 'ios' }, parseData: parsed('x', 'greet') });
    expect(parse).not.toHaveBeenCalled();
    expect(shape(out.newEvents).slice(0, 4)).toEqual(['slot:session_started_metadata', 'action:action_session_start', 'session_started', 'slot:session_started_metadata']);
    expect(tracker.slot('session_started_metadata')).toEqual({ device: 'ios' });
  });

  it('starts a new session when the last user message is older than session_expiration_time, carrying slots over', async () => {
    const old = nowSeconds() - 2 * 3600;
    const events: Event[] = [sessionStartedEvent(), actionEvent('action_listen'), { ...userEvent('我要面', NLU['我要面']!), timestamp: old }, { ...slotEvent('meal', '面'), timestamp: old }];
    const { processor, tracker } = setup({ events });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    expect(shape(out.newEvents).slice(0, 4)).toEqual(['action:action_session_start', 'session_started', 'slot:meal', 'action:action_listen']);
    expect(tracker.slot('meal')).toBe('面');
  });

  it('keeps the session while it has not expired, and never expires with 0 minutes', async () => {
    const recent: Event[] = [sessionStartedEvent(), actionEvent('action_listen'), userEvent('你好', NLU['你好']!)];
    const a = setup({ events: recent });
    expect(shape((await a.processor.handleMessage(a.tracker, { text: '你好' })).newEvents)[0]).toBe('user:greet');
    const old = nowSeconds() - 10 * 86400;
    const b = setup({ events: [sessionStartedEvent(), actionEvent('action_listen'), { ...userEvent('你好', NLU['你好']!), timestamp: old }] });
    b.domain.sessionConfig.sessionExpirationTime = 0;
    expect(shape((await b.processor.handleMessage(b.tracker, { text: '你好' })).newEvents)[0]).toBe('user:greet');
  });

  it('stops after maxActionsPerTurn actions with a warning', async () => {
    const { processor, tracker, logger } = setup({ policies: constantPolicy('utter_greet') });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    const afterUser = out.newEvents.slice(out.newEvents.findIndex((e) => e.event === 'user'));
    expect(afterUser.filter((e) => e.event === 'action')).toHaveLength(10);
    expect(logger.warn).toHaveBeenCalledOnce();
    const small = setup({ policies: constantPolicy('utter_greet'), max: 3 });
    const out3 = await small.processor.handleMessage(small.tracker, { text: '你好' });
    expect(out3.botEvents).toHaveLength(3);
  });

  it('runs a followup action without asking the policies', async () => {
    const push = defineAction('action_push', () => [followupEvent('utter_greet')]);
    const { processor, tracker } = setup({ rules: [{ intent: 'greet', action: 'action_push' }], actions: [push], declared: ['action_push'] });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    const actions = out.newEvents.filter((e) => e.event === 'action').slice(2);
    expect(actions).toMatchObject([{ name: 'action_push' }, { name: 'utter_greet', policy: 'followup_action', confidence: 1 }, { name: 'action_listen' }]);
  });

  it('a paused conversation logs the message but only answers the restart intent', async () => {
    const { processor, tracker } = setup({ events: [sessionStartedEvent(), actionEvent('action_listen'), { event: 'pause', timestamp: nowSeconds() }], rules: [{ intent: 'restart', action: 'action_restart' }, { intent: 'greet', action: 'utter_greet' }] });
    const ignored = await processor.handleMessage(tracker, { text: '你好' });
    expect(shape(ignored.newEvents)).toEqual(['user:greet']);
    const restarted = await processor.handleMessage(tracker, { text: '重来' });
    expect(shape(restarted.newEvents)).toEqual([
      'user:restart', 'action:action_restart', 'bot', 'restart', 'action:action_session_start', 'session_started', 'action:action_listen',
    ]);
    expect(tracker.state.paused).toBe(false);
  });

  it('logs action_execution_rejected (without the action event) and predicts again', async () => {
    const picky = defineAction('action_picky', () => { throw actionRejected('action_picky', 'no'); });
    const { processor, tracker } = setup({ actions: [picky], policies: {
      predict: (t) => ({ action: t.events.at(-1)?.event === 'action_execution_rejected' ? 'action_listen' : 'action_picky', confidence: 0.8, policy: 'P', priority: 1 }),
    } });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    expect(out.newEvents.slice(-2)).toMatchObject([{ event: 'action_execution_rejected', name: 'action_picky', policy: 'P', confidence: 0.8 }, { event: 'action', name: 'action_listen' }]);
  });

  it('logs a failing action without its events and goes on', async () => {
    const broken = defineAction('action_broken', () => { throw new Error('boom'); });
    const { processor, tracker, logger } = setup({ actions: [broken], rules: [{ intent: 'greet', action: 'action_broken' }, { after: 'action_broken', action: 'utter_greet' }] });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    expect(shape(out.newEvents).slice(3)).toEqual(['user:greet', 'action:action_broken', 'action:utter_greet', 'bot', 'action:action_listen']);
    expect(logger.error).toHaveBeenCalled();
  });

  it('logs policy events before the action and re-extracts slots after an action returns a user event', async () => {
    const policy: PolicyEnsemble = {
      predict: (t) => t.latestActionName === 'action_listen' && t.latestIntent === 'greet'
        ? { action: 'action_reword', confidence: 1, policy: 'P', priority: 1, events: [{ event: 'user_featurization', timestamp: nowSeconds(), use_text_for_featurization: false }] }
        : { action: 'action_listen', confidence: 1, policy: 'P', priority: 1 },
    };
    const reword = defineAction('action_reword', () => [actionEvent('action_listen'), userEvent('我要面', NLU['我要面']!)]);
    const { processor, tracker } = setup({ policies: policy, actions: [reword] });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    expect(shape(out.newEvents).slice(3)).toEqual(['user:greet', 'user_featurization', 'action:action_reword', 'action:action_listen', 'user:order_food', 'slot:meal', 'action:action_listen']);
  });
});

describe('MessageProcessor: other entry points', () => {
  it('logMessage logs and extracts without predicting', async () => {
    const { processor, tracker } = setup();
    const out = await processor.logMessage(tracker, { text: '我要面' });
    expect(shape(out.newEvents).slice(3)).toEqual(['user:order_food', 'slot:meal']);
  });

  it('triggerIntent logs an external user event on the latest input channel and predicts', async () => {
    const { processor, tracker } = setup();
    await processor.handleMessage(tracker, { text: '我要面', inputChannel: 'socketio' });
    const out = await processor.triggerIntent(tracker, 'greet', { meal: '饺子' });
    expect(out.newEvents[0]).toMatchObject({ event: 'user', text: 'EXTERNAL: greet', input_channel: 'socketio', metadata: { is_external: true }, parse_data: { intent: { name: 'greet', confidence: 1 } } });
    expect(tracker.slot('meal')).toBe('饺子');
    expect(texts(out.botEvents)).toEqual(['您好!']);
  });

  it('predict returns the ensemble choice with every action scored, best first, without changing the tracker', async () => {
    const { processor, tracker } = setup();
    await processor.handleMessage(tracker, { text: '我要面' });
    tracker.append(userEvent('你好', NLU['你好']!));
    const before = tracker.events.length;
    const p = processor.predict(tracker);
    expect(p).toMatchObject({ action: 'utter_greet', policy: 'ScriptedPolicy', confidence: 1 });
    expect(p.scores[0]).toEqual({ action: 'utter_greet', score: 1 });
    expect(p.scores.map((s) => s.action)).toContain('order_form');
    expect(tracker.events.length).toBe(before);
  });

  it('executeAction runs the named action with the given policy, then predicts', async () => {
    const { processor, tracker } = setup({ rules: [{ after: 'utter_greet', action: 'utter_chitchat' }] });
    const out = await processor.executeAction(tracker, 'utter_greet', { policy: 'manual', confidence: 0.5 });
    expect(shape(out.newEvents)).toEqual(['action:action_session_start', 'session_started', 'action:action_listen', 'action:utter_greet', 'bot', 'action:utter_chitchat', 'bot', 'action:action_listen']);
    expect(out.newEvents[3]).toMatchObject({ policy: 'manual', confidence: 0.5 });
    const only = await processor.executeAction(tracker, 'utter_greet', { predictAfter: false });
    expect(shape(only.newEvents)).toEqual(['action:utter_greet', 'bot']);
    await expect(processor.executeAction(tracker, 'action_nowhere')).rejects.toMatchObject({ code: 'ACTION_NOT_FOUND' });
  });

  it('a restart followed by a message starts a fresh session', async () => {
    const { processor, tracker } = setup({ events: [sessionStartedEvent(), actionEvent('action_listen'), slotEvent('meal', '面'), restartEvent()] });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    expect(shape(out.newEvents)[0]).toBe('action:action_session_start');
    expect(tracker.slot('meal')).toBeNull();
  });
});
