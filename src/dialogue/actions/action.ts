// The Action interface: something the bot does, producing events.
import type { Domain, Event, Tracker } from '../../core/index.js';

export interface ActionContext {
  tracker: Tracker;
  domain: Domain;
  /** the input channel name, for channel-specific responses */
  channel: string | null;
}

export interface Action {
  readonly name: string;
  run(ctx: ActionContext): Promise<Event[]>;
}
