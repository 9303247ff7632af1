// Reading events from untrusted JSON (HTTP bodies, action-server replies, stored rows) and
// writing them back in Rasa's wire format.
import type { Entity, ParseData } from './message.js';
import type { BotData, Event } from './events.js';
import { nowSeconds } from './events.js';

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Json, key: string, where: string, required = false): string | null {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new InvalidEventError(`${where}: "${key}" is required`);
    return null;
  }
  if (typeof v !== 'string') throw new InvalidEventError(`${where}: "${key}" must be a string`);
  return v;
}

function num(o: Json, key: string, where: string): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidEventError(`${where}: "${key}" must be a number`);
  return v;
}

function bool(o: Json, key: string, where: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new InvalidEventError(`${where}: "${key}" must be a boolean`);
  return v;
}

function obj(o: Json, key: string, where: string): Json {
  const v = o[key];
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new InvalidEventError(`${where}: "${key}" must be an object`);
  return v;
}

function entityList(v: unknown, where: string): Entity[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new InvalidEventError(`${where}: "entities" must be a list`);
  return v.map((e, i) => {
    if (!isObject(e) || typeof e['entity'] !== 'string' || !('value' in e)) {
      throw new InvalidEventError(`${where}: entities[${i}] needs "entity" (string) and "value"`);
    }
    return e as unknown as Entity;
  });
}

function parseDataOf(v: unknown, text: string | null, where: string): ParseData {
  if (v === undefined || v === null) return { text: text ?? '', intent: null, entities: [] };
  if (!isObject(v)) throw new InvalidEventError(`${where}: "parse_data" must be an object`);
  const intent = v['intent'];
  if (intent !== undefined && intent !== null && !isObject(intent)) {
    throw new InvalidEventError(`${where}: "parse_data.intent" must be an object`);
  }
  const parsed: ParseData = {
    ...(v as Partial<ParseData>),
    text: typeof v['text'] === 'string' ? v['text'] : (text ?? ''),
    intent: isObject(intent) && typeof intent['name'] === 'string'
      ? { ...(intent as Json), name: intent['name'], confidence: typeof intent['confidence'] === 'number' ? intent['confidence'] : 1 }
      : null,
    entities: entityList(v['entities'], `${where}: parse_data`),
  };
  return parsed;
}

function botDataOf(v: unknown, where: string): BotData {
  const d = v === undefined || v === null ? {} : v;
  if (!isObject(d)) throw new InvalidEventError(`${where}: "data" must be an object`);
  return {
    elements: (d['elements'] as unknown[] | undefined) ?? null,
    quick_replies: (d['quick_replies'] as unknown[] | undefined) ?? null,
    buttons: (d['buttons'] as BotData['buttons'] | undefined) ?? null,
    attachment: d['attachment'] ?? null,
    image: (d['image'] as string | undefined) ?? null,
    custom: d['custom'] ?? null,
  };
}

/** Parses one event from JSON, accepting Rasa's legacy `form` and `form_validation` types. */
export function parseEvent(input: unknown, index = 0): Event {
  const where = `event ${index}`;
  if (!isObject(input)) throw new InvalidEventError(`${where}: an event must be a JSON object`);
  const type = input['event'];
  if (typeof type !== 'string') throw new InvalidEventError(`${where}: "event" (the event type) is required`);
  const rawTs = input['timestamp'];
  if (rawTs !== undefined && rawTs !== null && typeof rawTs !== 'number') {
    throw new InvalidEventError(`${where}: "timestamp" must be a number (epoch seconds)`);
  }
  const timestamp = typeof rawTs === 'number' ? rawTs : nowSeconds();
  const meta = input['metadata'];
  if (meta !== undefined && meta !== null && !isObject(meta)) throw new InvalidEventError(`${where}: "metadata" must be an object`);
  const base = { timestamp, ...(isObject(meta) && Object.keys(meta).length > 0 ? { metadata: meta } : {}) };
  const w = `${where} (${type})`;
  switch (type) {
    case 'user': {
      const text = str(input, 'text', w);
      return {
        ...base, event: 'user', text, parse_data: parseDataOf(input['parse_data'], text, w),
        input_channel: str(input, 'input_channel', w), message_id: str(input, 'message_id', w), metadata: obj(input, 'metadata', w),
      };
    }
    case 'user_featurization':
      return { ...base, event: 'user_featurization', use_text_for_featurization: bool(input, 'use_text_for_featurization', w, false) };
    case 'entities':
      if (!('entities' in input)) throw new InvalidEventError(`${w}: "entities" is required`);
      return { ...base, event: 'entities', entities: entityList(input['entities'], w) };
    case 'bot':
      return { ...base, event: 'bot', text: str(input, 'text', w), data: botDataOf(input['data'], w), metadata: obj(input, 'metadata', w) };
    case 'action':
      return {
        ...base, event: 'action', name: str(input, 'name', w), policy: str(input, 'policy', w), confidence: num(input, 'confidence', w),
        action_text: str(input, 'action_text', w), hide_rule_turn: bool(input, 'hide_rule_turn', w, false),
      };
    case 'slot':
      if (!('value' in input)) throw new InvalidEventError(`${w}: "value" is required`);
      return { ...base, event: 'slot', name: str(input, 'name', w, true) as string, value: input['value'] };
    case 'reset_slots': case 'restart': case 'session_started': case 'rewind': case 'undo': case 'pause': case 'resume':
      return { ...base, event: type };
    case 'followup':
      return { ...base, event: 'followup', name: str(input, 'name', w, true) as string };
    case 'active_loop': case 'form':
      return { ...base, event: 'active_loop', name: str(input, 'name', w) };
    case 'loop_interrupted':
      return { ...base, event: 'loop_interrupted', is_interrupted: bool(input, 'is_interrupted', w, false) };
    case 'form_validation':
      return { ...base, event: 'loop_interrupted', is_interrupted: !bool(input, 'validate', w, true) };
    case 'action_execution_rejected':
      return {
        ...base, event: 'action_execution_rejected', name: str(input, 'name', w, true) as string,
        policy: str(input, 'policy', w), confidence: num(input, 'confidence', w),
      };
    case 'reminder':
      return {
        ...base, event: 'reminder', intent: str(input, 'intent', w, true) as string, date_time: str(input, 'date_time', w, true) as string,
        entities: (input['entities'] as Entity[] | Json | undefined) ?? null, name: str(input, 'name', w) ?? crypto.randomUUID(),
        kill_on_user_msg: bool(input, 'kill_on_user_msg', w, true),
      };
    case 'cancel_reminder':
      return {
        ...base, event: 'cancel_reminder', name: str(input, 'name', w), intent: str(input, 'intent', w),
        entities: (input['entities'] as Entity[] | Json | undefined) ?? null,
      };
    case 'export':
      return { ...base, event: 'export', path: str(input, 'path', w) };
    case 'agent':
      return { ...base, event: 'agent', text: str(input, 'text', w), data: input['data'] ?? null };
    default:
      throw new InvalidEventError(`${where}: unknown event type "${type}"`);
  }
}

/** Parses one event or a list of events (the body of POST /tracker/events). */
export function parseEvents(input: unknown): Event[] {
  if (Array.isArray(input)) return input.map((e, i) => parseEvent(e, i));
  return [parseEvent(input, 0)];
}

/** Serialises an event in Rasa's wire format: `metadata` dropped when empty except on user/bot. */
export function eventToJson(e: Event): Json {
  // Rasa's key order (event, timestamp, metadata, then the type's fields), whatever order the
  // store returned the keys in (PostgreSQL's jsonb sorts them).
  const { event, timestamp, metadata, ...fields } = e;
  const keepMetadata = event === 'user' || event === 'bot' || (metadata !== undefined && Object.keys(metadata).length > 0);
  return { event, timestamp, ...(keepMetadata ? { metadata: metadata ?? {} } : {}), ...fields };
}
