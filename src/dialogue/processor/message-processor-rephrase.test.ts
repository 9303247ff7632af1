import { describe, expect, it, vi } from 'vitest';
import type { BotEvent, Tracker } from '../../core/index.js';
import { ActionRegistry } from '../actions/action-registry.js';
import type { DialogueLogger } from '../actions/logger.js';
import { MessageProcessor } from './message-processor.js';
import { orderDomain, parsed, texts, trackerOf } from './order-domain.test-helper.js';
import { ScriptedPolicy } from './scripted-policy.test-helper.js';
import type { BotEventRephraser } from './turn.js';

function setup(rephrase: BotEventRephraser) {
  const domain = orderDomain();
  const logger: DialogueLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const processor = new MessageProcessor({
    domain, policies: new ScriptedPolicy([{ intent: 'greet', action: 'utter_greet' }]),
    actions: new ActionRegistry({ domain, actions: [] }), parse: async (t) => parsed(t, 'greet'), logger, rephrase,
  });
  return { processor, logger, tracker: trackerOf(domain) };
}

describe('MessageProcessor rephrase hook', () => {
  it('rewords bot events before they are logged and sent, seeing the tracker up to them', async () => {
    const seenBy: { action: string | null; events: number }[] = [];
    const rephrase = vi.fn(async (bot: BotEvent, t: Tracker) => {
      seenBy.push({ action: t.latestActionName, events: t.events.length });
      return { ...bot, text: `${bot.text ?? ''}~`, metadata: { ...bot.metadata, rephrased: true } };
    });
    const { processor, tracker } = setup(rephrase);
    const sent: BotEvent[] = [];
    const out = await processor.handleMessage(tracker, { text: '你好' }, (b) => { sent.push(b); });
    expect(texts(sent)).toEqual(['您好!~']);
    expect(texts(out.newEvents)).toEqual(['您好!~']);
    expect(out.botEvents[0]?.metadata).toMatchObject({ utter_action: 'utter_greet', rephrased: true });
    expect(rephrase).toHaveBeenCalledOnce();
    // the hook's tracker already holds the action that uttered, but not the bot event itself
    expect(seenBy[0]?.action).toBe('utter_greet');
    expect(tracker.events[seenBy[0]?.events ?? 0]?.event).toBe('bot');
  });

  it('keeps the template when the hook fails', async () => {
    const { processor, tracker, logger } = setup(async () => { throw new Error('llm down'); });
    const out = await processor.handleMessage(tracker, { text: '你好' });
    expect(texts(out.botEvents)).toEqual(['您好!']);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: 'llm down' }), 'processor.rephrase.failed');
  });
});
