// Compact builders for stories and rules in code (tests, fixtures, programmatic bots).
import type {
  ActionStep, ActiveLoopStep, BotStep, CheckpointStep, Domain, Entity, Event, OrStep, Rule, SlotAssertion, SlotDefinition,
  SlotWasSetStep, SourceRef, Story, StoryEntity, StoryStep, UserStep,
} from '../../core/index.js';
import {
  ACTION_LISTEN, ACTION_SESSION_START, Tracker, actionEvent, emptyDomain, sessionStartedEvent, slotInitialValues, userEvent,
} from '../../core/index.js';

const here = (line = 1, file = 'stories.yml'): SourceRef => ({ file, line });

export const intent = (name: string, entities: StoryEntity[] = [], text?: string): UserStep =>
  (text === undefined ? { kind: 'user', intent: name, entities } : { kind: 'user', intent: name, entities, text });
export const userText = (text: string, intentName?: string, entities: StoryEntity[] = []): UserStep =>
  (intentName === undefined ? { kind: 'user', text, entities } : { kind: 'user', text, intent: intentName, entities });
export const action = (name: string): ActionStep => ({ kind: 'action', name });
export const bot = (text: string): BotStep => ({ kind: 'bot', text });
export const activeLoop = (name: string | null): ActiveLoopStep => ({ kind: 'active_loop', name });
export const checkpoint = (name: string, slotWasSet?: SlotAssertion[]): CheckpointStep =>
  (slotWasSet ? { kind: 'checkpoint', name, slotWasSet } : { kind: 'checkpoint', name });
export const or = (...alternatives: OrStep['alternatives']): OrStep => ({ kind: 'or', alternatives });

/** `slots({ cuisine: 'italian' }, 'name')`: a value, or a bare name for "any value". */
export function slots(values: Record<string, unknown> = {}, ...bare: string[]): SlotWasSetStep {
  const list: SlotAssertion[] = Object.entries(values).map(([name, value]) => ({ name, value }));
  for (const name of bare) list.push({ name, value: null, anyValue: true });
  return { kind: 'slot_was_set', slots: list };
}

/** Gives every step a source line after the story's own line, as the YAML loader would. */
function numbered(steps: StoryStep[], source: SourceRef): StoryStep[] {
  return steps.map((s, i) => ({ ...s, source: { file: source.file, line: source.line + 2 + i } }));
}

export function story(name: string, steps: StoryStep[], source: SourceRef = here()): Story {
  return { name, steps: numbered(steps, source), source };
}

export function rule(name: string, steps: StoryStep[], opts: {
  condition?: Rule['condition']; conversationStart?: boolean; waitForUserInput?: boolean; source?: SourceRef;
} = {}): Rule {
  const source = opts.source ?? here(1, 'rules.yml');
  return {
    name, steps: numbered(steps, source), condition: opts.condition ?? [], source,
    conversationStart: opts.conversationStart ?? false, waitForUserInput: opts.waitForUserInput ?? true,
  };
}

/** A domain for tests and programmatic bots: intents by name, slots with defaults filled in. */
export function domainWith(spec: {
  intents?: string[];
  entities?: string[];
  slots?: (Partial<SlotDefinition> & Pick<SlotDefinition, 'name'>)[];
  actions?: string[];
  responses?: string[];
  forms?: Record<string, string[]>;
  storeEntitiesAsSlots?: boolean;
}): Domain {
  const d = emptyDomain();
  d.intents = (spec.intents ?? []).map((name) => ({ name, useEntities: true, ignoreEntities: [] }));
  d.entities = (spec.entities ?? []).map((name) => ({ name, roles: [], groups: [] }));
  d.slots = (spec.slots ?? []).map((s) => ({ type: 'text', influenceConversation: true, initialValue: null, mappings: [], ...s }));
  d.actions = spec.actions ?? [];
  for (const r of spec.responses ?? []) d.responses[r] = [{ text: r }];
  for (const [name, requiredSlots] of Object.entries(spec.forms ?? {})) d.forms[name] = { name, requiredSlots, ignoredIntents: [] };
  if (spec.storeEntitiesAsSlots !== undefined) d.storeEntitiesAsSlots = spec.storeEntitiesAsSlots;
  return d;
}

/** A live tracker after the session start sequence, followed by `events`. */
export function startedTracker(domain: Domain, events: Event[] = [], senderId = 'test'): Tracker {
  return Tracker.fromEvents(senderId, [actionEvent(ACTION_SESSION_START), sessionStartedEvent(), actionEvent(ACTION_LISTEN), ...events], slotInitialValues(domain));
}

/** A user event with an intent (and entities), as NLU would log it. */
export function userSays(intentName: string, entities: Entity[] = [], text = intentName): Event {
  return userEvent(text, { text, intent: { name: intentName, confidence: 1 }, entities });
}
