// Publishes a StateChange after every saved change of a conversation and delivers them to
// subscribers, through a StateBus (Redis pub/sub across processes).
//
// What travels is MASKED: the state and turn record as an unauthorised caller would see them,
// so no sensitive plaintext ever crosses Redis. An authorised subscriber receives the change
// re-read from the tracker store (which decrypts), cut at the change's seq.
import type { Logger } from 'pino';
import type { ConversationState, StateChange, StateListener } from './agent-api.js';
import { Tracker, type Event } from './core/index.js';
import { conversationState, turnRecord } from './conversation-state.js';
import type { StateBus } from './stores/bus/state-bus.js';
import type { SensitiveNames } from './state-masking.js';

export interface StoredView { tracker: Tracker; seq: number; baseSeq: number }

export interface StatePublisherOptions {
  bus: StateBus;
  names: SensitiveNames;
  /** the current session from the tracker store (decrypted) */
  read: (conversationId: string) => Promise<StoredView>;
  logger?: Logger;
}

export interface SavedChange {
  /** the conversation after the change (plaintext, in this process only) */
  tracker: Tracker;
  added: readonly Event[];
  seq: number;
  /** the seq before the change */
  fromSeq: number;
  latencyMs: number | null;
}

/** The message on the bus: the masked change plus where it starts, for authorised re-reads. */
interface Envelope { change: StateChange; from_seq: number }

export class StatePublisher {
  constructor(private readonly opts: StatePublisherOptions) {}

  /** Fire and forget: a failed publication is logged, never a failed turn. */
  publish(saved: SavedChange): void {
    const { tracker, added, latencyMs } = saved;
    const names = this.opts.names;
    const change: StateChange = {
      conversation_id: tracker.senderId,
      state: conversationState(tracker, { seq: saved.seq, authorized: false, names }),
      turn: turnRecord({ tracker, added, latencyMs, authorized: false, names }),
    };
    const envelope: Envelope = { change, from_seq: saved.fromSeq };
    this.opts.bus.publish(tracker.senderId, JSON.stringify(envelope)).catch((err: unknown) => {
      this.opts.logger?.warn({ event: 'state.publish_failed', err }, 'state change not published');
    });
  }

  async state(conversationId: string, opts: { authorized: boolean; recent?: number }): Promise<ConversationState> {
    const view = await this.opts.read(conversationId);
    return conversationState(view.tracker, { seq: view.seq, authorized: opts.authorized, names: this.opts.names, ...(opts.recent !== undefined ? { recent: opts.recent } : {}) });
  }

  subscribe(conversationId: string, listener: StateListener, opts: { authorized: boolean }): () => void {
    // authorised re-reads are asynchronous: a queue keeps the changes in order
    let queue = Promise.resolve();
    return this.opts.bus.subscribe(conversationId, (message) => {
      const envelope = JSON.parse(message) as Envelope;
      if (!opts.authorized || this.opts.names.slots.length + this.opts.names.entities.length === 0) {
        listener(envelope.change);
        return;
      }
      queue = queue.then(async () => listener(await this.plaintext(envelope))).catch((err: unknown) => {
        this.opts.logger?.warn({ event: 'state.reread_failed', err }, 'state change not delivered');
      });
    });
  }

  close(): Promise<void> { return this.opts.bus.close(); }

  private async plaintext(envelope: Envelope): Promise<StateChange> {
    const { change } = envelope;
    const view = await this.opts.read(change.conversation_id);
    const upTo = Math.max(0, change.state.seq - view.baseSeq);
    const events = view.tracker.events.slice(0, upTo);
    const tracker = Tracker.fromEvents(change.conversation_id, events, view.tracker.initialSlots);
    const added = events.slice(Math.max(0, envelope.from_seq - view.baseSeq));
    const names = this.opts.names;
    return {
      conversation_id: change.conversation_id,
      state: conversationState(tracker, { seq: change.state.seq, authorized: true, names }),
      turn: turnRecord({ tracker, added, latencyMs: change.turn.latency_ms, authorized: true, names }),
    };
  }
}
