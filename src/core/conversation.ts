// Tracker: one conversation's event log plus the state folded from it.
import type { Event } from './events.js';
import { ACTION_LISTEN } from './domain.js';
import type { TrackerState } from './tracker.js';
import { appliedEvents, applyEvent, foldEvents, initialState } from './tracker.js';

export class Tracker {
  private log: Event[];
  private current: TrackerState;

  private constructor(
    readonly senderId: string,
    readonly initialSlots: Readonly<Record<string, unknown>>,
    events: Event[],
    state: TrackerState,
  ) {
    this.log = events;
    this.current = state;
  }

  static fromEvents(senderId: string, events: readonly Event[], initialSlots: Readonly<Record<string, unknown>>): Tracker {
    return new Tracker(senderId, initialSlots, [...events], foldEvents(events, initialSlots));
  }

  static empty(senderId: string, initialSlots: Readonly<Record<string, unknown>>): Tracker {
    return new Tracker(senderId, initialSlots, [], initialState(initialSlots));
  }

  get events(): readonly Event[] { return this.log; }
  get state(): TrackerState { return this.current; }
  get slots(): Readonly<Record<string, unknown>> { return this.current.slots; }

  /** Appends events, updating the state incrementally (a full re-fold only for undo/rewind). */
  append(...events: Event[]): this {
    for (const e of events) {
      this.log.push(e);
      this.current = e.event === 'undo' || e.event === 'rewind'
        ? foldEvents(this.log, this.initialSlots)
        : applyEvent(this.current, e, this.initialSlots);
    }
    return this;
  }

  copy(): Tracker {
    return new Tracker(this.senderId, this.initialSlots, [...this.log], this.current);
  }

  slot(name: string): unknown { return this.current.slots[name] ?? null; }

  get latestActionName(): string | null {
    const a = this.current.latestAction;
    return a && 'action_name' in a ? a.action_name : null;
  }

  get latestIntent(): string | null { return this.current.latestMessage?.parse_data.intent?.name ?? null; }

  get activeLoopName(): string | null { return this.current.activeLoop?.name ?? null; }

  applied(): Event[] { return appliedEvents(this.log); }

  /** Events after the last `restart` (Rasa's AFTER_RESTART verbosity). */
  eventsAfterLatestRestart(): Event[] {
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i]?.event === 'restart') return this.log.slice(i + 1);
    return [...this.log];
  }

  /** True when no event builds state yet (a brand-new conversation or one just restarted). */
  hasNoAppliedEvents(): boolean { return this.applied().length === 0; }

  /** The timestamp of the latest user message, or undefined when there is none. */
  latestUserTimestamp(): number | undefined {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const e = this.log[i] as Event;
      if (e.event === 'user') return e.timestamp;
    }
    return undefined;
  }

  /**
   * The conversation as it was before its latest user message: what a turn changed is read against
   * it (the slots the message set, the response it answered). With no user message, the tracker itself.
   */
  beforeLatestUserMessage(): Tracker {
    for (let i = this.log.length - 1; i >= 0; i--) {
      if ((this.log[i] as Event).event === 'user') return Tracker.fromEvents(this.senderId, this.log.slice(0, i), this.initialSlots);
    }
    return this;
  }

  /** Events since (and excluding) the latest action_listen: what the current turn produced. */
  eventsSinceLatestListen(): Event[] {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const e = this.log[i] as Event;
      if (e.event === 'action' && e.name === ACTION_LISTEN) return this.log.slice(i + 1);
    }
    return [...this.log];
  }
}
