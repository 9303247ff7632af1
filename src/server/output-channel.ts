// `?output_channel=` (rasa-compat §1.3): a channel that can push messages gets them;
// otherwise they are collected and returned in the response body.
import type { FastifyBaseLogger } from 'fastify';
import type { Agent, BotEventListener } from '../agent-api.js';
import type { Channel } from './channels/channel.js';

export interface RouteContext {
  agent: Agent;
  channels: readonly Channel[];
}

/** The push sink for the requested channel, or undefined for "collect into the body". */
export async function resolveOutputChannel(
  ctx: RouteContext, conversationId: string, requested: string | undefined, log: FastifyBaseLogger,
): Promise<BotEventListener | undefined> {
  if (requested === undefined || requested === '') return undefined;
  let name: string | null = requested;
  if (requested === 'latest') {
    name = (await ctx.agent.tracker(conversationId, { verbosity: 'NONE' })).latest_input_channel;
  }
  const channel = ctx.channels.find((c) => c.name === name);
  return channel?.outputFor?.(conversationId, log);
}
