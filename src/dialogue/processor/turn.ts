// One call into the processor: the tracker it mutates and the bot messages it produced.
import type { BotEvent, Event, Tracker } from '../../core/index.js';
import type { DialogueLogger } from '../actions/logger.js';

export type BotEventListener = (event: BotEvent) => void | Promise<void>;

export interface TurnOutput {
  /** every event appended to the tracker by this call, in order */
  newEvents: Event[];
  /** the bot events among them, in the order they were sent */
  botEvents: BotEvent[];
}

export class Turn {
  readonly botEvents: BotEvent[] = [];
  private readonly start: number;

  constructor(readonly tracker: Tracker, private readonly logger: DialogueLogger, private readonly onBotEvent?: BotEventListener) {
    this.start = tracker.events.length;
  }

  /** Appends events and sends their bot messages (a failing listener is logged, not fatal). */
  async log(events: readonly Event[]): Promise<void> {
    this.tracker.append(...events);
    for (const e of events) {
      if (e.event !== 'bot') continue;
      this.botEvents.push(e);
      try {
        await this.onBotEvent?.(e);
      } catch (err) {
        this.logger.error({ sender_id: this.tracker.senderId, err: (err as Error).message }, 'processor.bot_listener.failed');
      }
    }
  }

  output(): TurnOutput {
    return { newEvents: this.tracker.events.slice(this.start), botEvents: [...this.botEvents] };
  }
}
