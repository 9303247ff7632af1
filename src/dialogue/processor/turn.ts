// One call into the processor: the tracker it mutates and the bot messages it produced.
import type { BotEvent, Event, Tracker } from '../../core/index.js';
import type { DialogueLogger } from '../actions/logger.js';

export type BotEventListener = (event: BotEvent) => void | Promise<void>;

/** Rewords a bot event before it is logged and sent (the LLM rephraser); sees the tracker up to it. */
export type BotEventRephraser = (event: BotEvent, tracker: Tracker) => Promise<BotEvent>;

export interface TurnOutput {
  /** every event appended to the tracker by this call, in order */
  newEvents: Event[];
  /** the bot events among them, in the order they were sent */
  botEvents: BotEvent[];
}

export class Turn {
  readonly botEvents: BotEvent[] = [];
  private readonly start: number;

  constructor(
    readonly tracker: Tracker, private readonly logger: DialogueLogger,
    private readonly onBotEvent?: BotEventListener, private readonly rephrase?: BotEventRephraser,
  ) {
    this.start = tracker.events.length;
  }

  /** Appends events and sends their bot messages (a failing listener is logged, not fatal). */
  async log(batch: readonly Event[]): Promise<void> {
    const events = this.rephrase && batch.some((e) => e.event === 'bot') ? await this.rephrased(batch, this.rephrase) : batch;
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

  /** Each bot event reworded against the tracker as it will be just before it; a failing hook keeps the event. */
  private async rephrased(batch: readonly Event[], rephrase: BotEventRephraser): Promise<Event[]> {
    const view = this.tracker.copy();
    const out: Event[] = [];
    for (const e of batch) {
      let logged = e;
      if (e.event === 'bot') {
        try {
          logged = await rephrase(e, view);
        } catch (err) {
          this.logger.error({ sender_id: this.tracker.senderId, err: (err as Error).message }, 'processor.rephrase.failed');
        }
      }
      view.append(logged);
      out.push(logged);
    }
    return out;
  }

  output(): TurnOutput {
    return { newEvents: this.tracker.events.slice(this.start), botEvents: [...this.botEvents] };
  }
}
