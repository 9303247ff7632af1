// The state view of a conversation (GET /conversations/{id}/state) and the record of one saved
// change (the live stream), both computed from the event log and masked unless authorised.
import type { ConversationState, StateEntity, StateMessage, TurnRecord } from './agent-api.js';
import { REQUESTED_SLOT, type BotEvent, type Entity, type Event, type Tracker, type UserEvent } from './core/index.js';
import { createMasker, type Masker, type SensitiveNames } from './state-masking.js';

export const DEFAULT_RECENT_MESSAGES = 20;

export interface StateViewOptions {
  seq: number;
  authorized: boolean;
  names: SensitiveNames;
  /** how many recent messages; default 20 */
  recent?: number;
}

function entityView(e: Entity, mask: Masker): StateEntity {
  const view: StateEntity = { entity: e.entity, value: e.value };
  if (e.start !== undefined) view.start = e.start;
  if (e.end !== undefined) view.end = e.end;
  if (e.extractor !== undefined) view.extractor = e.extractor;
  return mask.entity(view);
}

function botView(e: BotEvent, mask: Masker): StateMessage {
  const m: StateMessage = { role: 'bot', text: mask.text(e.text), timestamp: e.timestamp };
  const d = e.data;
  const buttons = d.buttons ?? d.quick_replies;
  if (Array.isArray(buttons) && buttons.length > 0) m.buttons = mask.deep(buttons) as unknown[];
  if (typeof d.image === 'string' && d.image !== '') m.image = d.image;
  if (d.attachment !== null && d.attachment !== undefined && JSON.stringify(d.attachment) !== JSON.stringify(d.image)) m.attachment = mask.deep(d.attachment);
  if (d.custom !== null && d.custom !== undefined) m.custom = mask.deep(d.custom);
  return m;
}

function userView(e: UserEvent, mask: Masker): StateMessage {
  const p = e.parse_data;
  return {
    role: 'user', text: mask.text(e.text), timestamp: e.timestamp,
    intent: p.intent?.name ?? null, confidence: p.intent?.confidence ?? null, decided_by: p.parley?.decided_by ?? null,
  };
}

function messagesOf(events: readonly Event[], mask: Masker): StateMessage[] {
  const out: StateMessage[] = [];
  for (const e of events) {
    if (e.event === 'user') out.push(userView(e, mask));
    else if (e.event === 'bot') out.push(botView(e, mask));
  }
  return out;
}

export function conversationState(tracker: Tracker, opts: StateViewOptions): ConversationState {
  const mask = createMasker({ authorized: opts.authorized, names: opts.names, events: tracker.events, slots: tracker.slots });
  const latest = tracker.state.latestMessage;
  const intent = latest?.parse_data.intent ?? null;
  const requested = tracker.slot(REQUESTED_SLOT);
  const recent = opts.recent ?? DEFAULT_RECENT_MESSAGES;
  const messages = messagesOf(tracker.events, mask);
  return {
    conversation_id: tracker.senderId,
    seq: opts.seq,
    slots: mask.slots(tracker.slots),
    active_form: tracker.activeLoopName,
    requested_slot: typeof requested === 'string' ? requested : null,
    latest_intent: intent ? { name: intent.name, confidence: intent.confidence ?? null, decided_by: latest?.parse_data.parley?.decided_by ?? null } : null,
    entities: (latest?.parse_data.entities ?? []).map((e) => entityView(e, mask)),
    messages: recent <= 0 ? [] : messages.slice(-recent),
    masked: mask.active,
  };
}

export interface TurnRecordOptions {
  /** the whole log after the change (to find every sensitive value) and the events it added */
  tracker: Tracker;
  added: readonly Event[];
  latencyMs: number | null;
  authorized: boolean;
  names: SensitiveNames;
}

export function turnRecord(opts: TurnRecordOptions): TurnRecord {
  const mask = createMasker({ authorized: opts.authorized, names: opts.names, events: opts.tracker.events, slots: opts.tracker.slots });
  const user = [...opts.added].reverse().find((e): e is UserEvent => e.event === 'user');
  const parse = user?.parse_data;
  const clientId = user?.metadata['client_id'];
  const policies: string[] = [];
  for (const e of opts.added) if (e.event === 'action' && e.policy && e.name !== 'action_listen') policies.push(e.policy);
  return {
    user_text: user ? mask.text(user.text) : null,
    intent: parse?.intent ? { name: parse.intent.name, confidence: parse.intent.confidence } : null,
    intent_ranking: (parse?.intent_ranking ?? []).slice(0, 10).map((i) => ({ name: i.name, confidence: i.confidence })),
    entities: (parse?.entities ?? []).map((e) => entityView(e, mask)),
    decided_by: parse?.parley?.decided_by ?? null,
    policies,
    bot_messages: opts.added.filter((e): e is BotEvent => e.event === 'bot').map((e) => botView(e, mask)),
    latency_ms: opts.latencyMs,
    client_id: typeof clientId === 'string' ? clientId : null,
  };
}
