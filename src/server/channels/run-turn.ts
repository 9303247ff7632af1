// One user message through the agent for a channel: bot messages as they are produced, one
// `turn.completed` log line, and on failure the friendly reply instead of an error.
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage } from '../../agent-api.js';
import type { BotEvent } from '../../core/index.js';
import { logEvent } from '../../observability/logger.js';
import { botMessages, type BotMessage } from '../bot-messages.js';
import type { ChannelContext } from './channel.js';

export interface TurnRequest {
  message: IncomingMessage;
  /** the `recipient_id` of the messages when it is not the conversation id (a linked channel user id) */
  recipientId?: string;
  /** called for each message in order; must not throw (a delivery problem is not a failed turn) */
  emit?: (message: BotMessage) => void | Promise<void>;
  /** lets the sender's next message in (see admitTurn); called once the turn is queued for the lock */
  leave?: () => void;
}

/**
 * Waits for the sender's earlier messages on this process to be queued for the lock, then
 * resolves the linked conversation: the turn keeps its arrival order. runTurn must follow.
 */
export async function admitTurn(ctx: ChannelContext, message: IncomingMessage): Promise<TurnRequest> {
  const leave = await ctx.arrivals.admit(message.senderId);
  return { ...(await linkedTurn(ctx, message)), leave };
}

/**
 * The turn of a channel user id: a linked id (POST /identities/link) continues its conversation,
 * while the replies still name the id that wrote.
 */
export async function linkedTurn(ctx: ChannelContext, message: IncomingMessage): Promise<Pick<TurnRequest, 'message' | 'recipientId'>> {
  // a failing lookup must not turn into an HTTP error: the turn then fails (or not) on its own
  // and the channel answers its friendly message
  const conversationId = await ctx.agent.identities.resolve(message.senderId).catch(() => undefined);
  if (conversationId === undefined || conversationId === message.senderId) return { message };
  return { message: { ...message, senderId: conversationId }, recipientId: message.senderId };
}

export async function runTurn(ctx: ChannelContext, log: FastifyBaseLogger, turn: TurnRequest): Promise<BotMessage[]> {
  const { message, emit } = turn;
  const recipient = turn.recipientId ?? message.senderId;
  const started = performance.now();
  const collected: BotMessage[] = [];
  let listened = false;
  const deliver = async (events: readonly BotEvent[]): Promise<void> => {
    for (const m of events.flatMap((e) => botMessages(e, recipient))) {
      collected.push(m);
      await emit?.(m);
    }
  };
  const fields = { sender_id: message.senderId, channel: message.inputChannel ?? null };
  try {
    const result = await ctx.agent.handleMessage(message, async (event) => {
      listened = true;
      await deliver([event]);
    }, turn.leave ? { onQueued: turn.leave } : {});
    // An agent that only returns its messages still gets them delivered.
    if (!listened) await deliver(result.messages);
    const latency = Math.round(performance.now() - started);
    logEvent(log, 'info', 'turn.completed', {
      ...fields, intent: result.intent, confidence: result.confidence, decided_by: result.decidedBy ?? null, latency_ms: latency,
    });
    return collected;
  } catch (err) {
    logEvent(log, 'error', 'turn.failed', { ...fields, err, latency_ms: Math.round(performance.now() - started) });
    ctx.metrics?.countError('turn_failed');
    const friendly: BotMessage = { recipient_id: recipient, text: ctx.friendlyErrorText };
    await emit?.(friendly);
    return [friendly];
  } finally {
    turn.leave?.();
  }
}
