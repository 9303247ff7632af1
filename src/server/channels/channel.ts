// An input channel: a name (also the `input_channel` of its user events) and its routes,
// registered under /webhooks/<name>/.
import type { ArrivalOrder } from './arrival-order.js';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ParleyMetrics } from '../../observability/metrics.js';
import type { Agent, BotEventListener } from '../../agent-api.js';

export interface ChannelContext {
  agent: Agent;
  /** keeps each channel user's messages in arrival order until they are queued for the lock */
  arrivals: ArrivalOrder;
  /** the one bot message sent when a turn fails */
  friendlyErrorText: string;
  /** counts failed turns by kind */
  metrics?: Pick<ParleyMetrics, 'countError'>;
}

export interface Channel {
  readonly name: string;
  /** Adds the channel's routes to `app`, an encapsulated scope prefixed with /webhooks/<name>. */
  register(app: FastifyInstance, ctx: ChannelContext): Promise<void>;
  /**
   * For channels that can push messages on their own (callback), the sink used when an API
   * call names this channel in `?output_channel=`. Channels without one answer in the body.
   */
  outputFor?(recipientId: string, log: FastifyBaseLogger): BotEventListener;
}
