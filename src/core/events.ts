// Rasa's event model. The TypeScript shapes are the wire shapes (rasa-compat §1.6), so an
// event is stored, sent to an action server and returned over HTTP without translation.
import type { Entity, ParseData } from './message.js';

interface EventBase {
  timestamp: number;
  metadata?: Record<string, unknown>;
}

export interface BotData {
  elements: unknown[] | null;
  quick_replies: unknown[] | null;
  buttons: Button[] | null;
  attachment: unknown;
  image: string | null;
  custom: unknown;
}

export interface Button {
  title: string;
  payload: string;
  [key: string]: unknown;
}

export interface UserEvent extends EventBase {
  event: 'user';
  text: string | null;
  parse_data: ParseData;
  input_channel: string | null;
  message_id: string | null;
  metadata: Record<string, unknown>;
}
export interface UserFeaturizationEvent extends EventBase {
  event: 'user_featurization';
  use_text_for_featurization: boolean;
}
export interface EntitiesEvent extends EventBase { event: 'entities'; entities: Entity[] }
export interface BotEvent extends EventBase {
  event: 'bot';
  text: string | null;
  data: BotData;
  metadata: Record<string, unknown>;
}
export interface ActionEvent extends EventBase {
  event: 'action';
  name: string | null;
  policy: string | null;
  confidence: number | null;
  action_text: string | null;
  hide_rule_turn: boolean;
}
export interface SlotEvent extends EventBase { event: 'slot'; name: string; value: unknown }
export interface ResetSlotsEvent extends EventBase { event: 'reset_slots' }
export interface RestartEvent extends EventBase { event: 'restart' }
export interface SessionStartedEvent extends EventBase { event: 'session_started' }
export interface RewindEvent extends EventBase { event: 'rewind' }
export interface UndoEvent extends EventBase { event: 'undo' }
export interface FollowupEvent extends EventBase { event: 'followup'; name: string }
export interface PauseEvent extends EventBase { event: 'pause' }
export interface ResumeEvent extends EventBase { event: 'resume' }
export interface ActiveLoopEvent extends EventBase { event: 'active_loop'; name: string | null }
export interface LoopInterruptedEvent extends EventBase { event: 'loop_interrupted'; is_interrupted: boolean }
export interface ActionExecutionRejectedEvent extends EventBase {
  event: 'action_execution_rejected';
  name: string;
  policy: string | null;
  confidence: number | null;
}
export interface ReminderEvent extends EventBase {
  event: 'reminder';
  intent: string;
  date_time: string;
  entities: Entity[] | Record<string, unknown> | null;
  name: string;
  kill_on_user_msg: boolean;
}
export interface CancelReminderEvent extends EventBase {
  event: 'cancel_reminder';
  name: string | null;
  intent: string | null;
  entities: Entity[] | Record<string, unknown> | null;
}
export interface ExportEvent extends EventBase { event: 'export'; path: string | null }
export interface AgentEvent extends EventBase { event: 'agent'; text: string | null; data: unknown }

export type Event =
  | UserEvent | UserFeaturizationEvent | EntitiesEvent | BotEvent | ActionEvent | SlotEvent
  | ResetSlotsEvent | RestartEvent | SessionStartedEvent | RewindEvent | UndoEvent | FollowupEvent
  | PauseEvent | ResumeEvent | ActiveLoopEvent | LoopInterruptedEvent | ActionExecutionRejectedEvent
  | ReminderEvent | CancelReminderEvent | ExportEvent | AgentEvent;

export type EventType = Event['event'];

export const EVENT_TYPES: readonly EventType[] = [
  'user', 'user_featurization', 'entities', 'bot', 'action', 'slot', 'reset_slots', 'restart',
  'session_started', 'rewind', 'undo', 'followup', 'pause', 'resume', 'active_loop',
  'loop_interrupted', 'action_execution_rejected', 'reminder', 'cancel_reminder', 'export', 'agent',
];

export const nowSeconds = (): number => Date.now() / 1000;

// ---- constructors: the engine builds events only through these, so defaults stay in one place

export function userEvent(text: string | null, parseData: ParseData, opts: {
  inputChannel?: string | null; messageId?: string | null; metadata?: Record<string, unknown>; timestamp?: number;
} = {}): UserEvent {
  const messageId = opts.messageId ?? parseData.message_id ?? null;
  return {
    event: 'user', timestamp: opts.timestamp ?? nowSeconds(), text,
    parse_data: { ...parseData, message_id: messageId, metadata: opts.metadata ?? parseData.metadata ?? {} },
    input_channel: opts.inputChannel ?? null, message_id: messageId, metadata: opts.metadata ?? {},
  };
}

export function actionEvent(name: string, opts: {
  policy?: string | null; confidence?: number | null; hideRuleTurn?: boolean; actionText?: string | null; timestamp?: number;
} = {}): ActionEvent {
  return {
    event: 'action', timestamp: opts.timestamp ?? nowSeconds(), name, policy: opts.policy ?? null,
    confidence: opts.confidence ?? null, action_text: opts.actionText ?? null, hide_rule_turn: opts.hideRuleTurn ?? false,
  };
}

export function botEvent(text: string | null, data: Partial<BotData> = {}, metadata: Record<string, unknown> = {}): BotEvent {
  return {
    event: 'bot', timestamp: nowSeconds(), text,
    data: {
      elements: data.elements ?? null, quick_replies: data.quick_replies ?? null, buttons: data.buttons ?? null,
      attachment: data.attachment ?? null, image: data.image ?? null, custom: data.custom ?? null,
    },
    metadata,
  };
}

export const slotEvent = (name: string, value: unknown): SlotEvent => ({ event: 'slot', timestamp: nowSeconds(), name, value });
export const activeLoopEvent = (name: string | null): ActiveLoopEvent => ({ event: 'active_loop', timestamp: nowSeconds(), name });
export const sessionStartedEvent = (): SessionStartedEvent => ({ event: 'session_started', timestamp: nowSeconds() });
export const restartEvent = (): RestartEvent => ({ event: 'restart', timestamp: nowSeconds() });
export const rewindEvent = (): RewindEvent => ({ event: 'rewind', timestamp: nowSeconds() });
export const undoEvent = (): UndoEvent => ({ event: 'undo', timestamp: nowSeconds() });
export const resetSlotsEvent = (): ResetSlotsEvent => ({ event: 'reset_slots', timestamp: nowSeconds() });
export const followupEvent = (name: string): FollowupEvent => ({ event: 'followup', timestamp: nowSeconds(), name });
export const loopInterruptedEvent = (isInterrupted: boolean): LoopInterruptedEvent =>
  ({ event: 'loop_interrupted', timestamp: nowSeconds(), is_interrupted: isInterrupted });
export const userFeaturizationEvent = (useText: boolean): UserFeaturizationEvent =>
  ({ event: 'user_featurization', timestamp: nowSeconds(), use_text_for_featurization: useText });
export const entitiesEvent = (entities: Entity[]): EntitiesEvent => ({ event: 'entities', timestamp: nowSeconds(), entities });
export function actionExecutionRejectedEvent(name: string, policy: string | null = null, confidence: number | null = null): ActionExecutionRejectedEvent {
  return { event: 'action_execution_rejected', timestamp: nowSeconds(), name, policy, confidence };
}
