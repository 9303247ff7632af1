// Linear story steps → the event sequence of a training tracker (Rasa's story → tracker step).
import type { ActionEvent, Domain, Entity, Event, ParseData, SourceRef, StoryEntity, UserStep } from '../../core/index.js';
import { ACTION_LISTEN, actionEvent, activeLoopEvent, slotEvent, userEvent } from '../../core/index.js';
import { assertionValue, entitySlotEvents } from './entity-slots.js';
import type { LinearStep } from './linear-story.js';

/** Training events are stamped 0: their order is what matters, not their time. */
const T0 = { timestamp: 0 };

export interface SourcedEvents {
  events: Event[];
  /** where each event came from (parallel to `events`; undefined for implicit ones) */
  sources: (SourceRef | undefined)[];
}

export function storyEntities(entities: readonly StoryEntity[]): Entity[] {
  return entities.map((e) => {
    const out: Entity = { entity: e.entity, value: e.value ?? '' };
    if (e.role !== undefined) out.role = e.role;
    if (e.group !== undefined) out.group = e.group;
    return out;
  });
}

/** The user event a story's user step stands for (the gold intent and entities). */
export function userStepEvent(step: UserStep, opts: { timestamp?: number } = {}): Event {
  const parseData: ParseData = {
    text: step.text ?? '',
    intent: step.intent !== undefined ? { name: baseIntent(step.intent), confidence: 1 } : null,
    entities: storyEntities(step.entities),
  };
  if (step.intent?.includes('/') && parseData.intent) parseData.intent.full_retrieval_intent_name = step.intent;
  return { ...userEvent(step.text ?? null, parseData), timestamp: opts.timestamp ?? 0 };
}

const baseIntent = (intent: string): string => intent.split('/')[0] ?? intent;

export const listenEvent = (): ActionEvent => actionEvent(ACTION_LISTEN, T0);

export function botTextEvent(text: string): ActionEvent {
  return { ...actionEvent('', T0), name: null, action_text: text };
}

function lastIsListen(events: readonly Event[]): boolean {
  const last = events[events.length - 1];
  return last?.event === 'action' && last.name === ACTION_LISTEN;
}

/** Appends the events of one step; a user step gets the action_listen that precedes it. */
export function appendStepEvents(out: SourcedEvents, step: LinearStep, domain: Domain): void {
  const push = (e: Event, opts: { implicit?: boolean } = {}): void => { out.events.push(e); out.sources.push(opts.implicit ? undefined : step.source); };
  switch (step.kind) {
    case 'user': {
      if (!lastIsListen(out.events)) push(listenEvent(), { implicit: true });
      const ue = userStepEvent(step);
      push(ue);
      if (ue.event === 'user') for (const se of entitySlotEvents(ue.parse_data.entities, domain)) push({ ...se, ...T0 });
      return;
    }
    case 'action': return push(actionEvent(step.name, T0));
    case 'bot': return push(botTextEvent(step.text));
    case 'active_loop': return push({ ...activeLoopEvent(step.name), ...T0 });
    case 'slot_was_set':
      for (const a of step.slots) push({ ...slotEvent(a.name, assertionValue(a, domain)), ...T0 });
      return;
  }
}

/** All events of a linear story, as a training tracker holds them. */
export function stepsToEvents(steps: readonly LinearStep[], domain: Domain, start: SourcedEvents = { events: [], sources: [] }): SourcedEvents {
  const out: SourcedEvents = { events: [...start.events], sources: [...start.sources] };
  for (const step of steps) appendStepEvents(out, step, domain);
  return out;
}
