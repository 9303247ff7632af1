// A conversation's events written as a YAML test story (GET /conversations/{id}/story).
import type { Entity, Event, UserEvent } from '../../core/index.js';
import { ACTION_LISTEN, ACTION_SESSION_START, SESSION_STARTED_METADATA_SLOT, appliedEvents } from '../../core/index.js';
import type { WrittenStep } from './story-yaml.js';
import { writeStoriesYaml } from './story-yaml.js';

export interface TestStoryOptions {
  /** the story name (Rasa uses the conversation id) */
  name: string;
  /** write every session as its own story (default: only the last session) */
  allSessions?: boolean;
}

/** Splits the log at `session_started`; events before the first one form a session of their own. */
function sessions(events: readonly Event[]): Event[][] {
  const out: Event[][] = [[]];
  for (const e of events) {
    if (e.event === 'session_started') out.push([]);
    (out[out.length - 1] as Event[]).push(e);
  }
  return out.filter((s) => s.some((e) => e.event === 'user' || (e.event === 'action' && e.name !== ACTION_SESSION_START && e.name !== ACTION_LISTEN)));
}

/** `[surface](entity)` or `[surface]{"entity": ..., "value": ...}` annotations, as Rasa writes test stories. */
export function annotateEntities(text: string, entities: readonly Entity[]): string {
  const spans = entities
    .filter((e) => typeof e.start === 'number' && typeof e.end === 'number' && e.start >= 0 && (e.end as number) <= text.length)
    .sort((a, b) => (a.start as number) - (b.start as number));
  let out = '';
  let at = 0;
  for (const e of spans) {
    const start = e.start as number;
    const end = e.end as number;
    if (start < at) continue; // overlapping spans cannot be annotated twice
    const surface = text.slice(start, end);
    const plain = e.role === undefined && e.group === undefined && String(e.value) === surface;
    const meta: Record<string, unknown> = { entity: e.entity };
    if (!plain && String(e.value) !== surface) meta['value'] = e.value;
    if (e.role !== undefined) meta['role'] = e.role;
    if (e.group !== undefined) meta['group'] = e.group;
    out += `${text.slice(at, start)}[${surface}]${plain ? `(${e.entity})` : JSON.stringify(meta)}`;
    at = end;
  }
  return out + text.slice(at);
}

function userStep(e: UserEvent): WrittenStep {
  const intent = e.parse_data.intent?.full_retrieval_intent_name ?? e.parse_data.intent?.name;
  const step: WrittenStep = { kind: 'user' };
  if (e.text !== null && e.text !== '' && !e.text.startsWith('/')) step.text = annotateEntities(e.text, e.parse_data.entities);
  else if (e.text) step.text = e.text;
  if (intent) step.intent = intent;
  return step;
}

function toSteps(events: readonly Event[]): WrittenStep[] {
  const steps: WrittenStep[] = [];
  for (const e of appliedEvents(events)) {
    if (e.event === 'user') steps.push(userStep(e));
    else if (e.event === 'action' && e.name !== ACTION_LISTEN && e.name !== ACTION_SESSION_START) {
      steps.push(e.name !== null ? { kind: 'action', name: e.name } : { kind: 'bot', text: e.action_text ?? '' });
    } else if (e.event === 'slot' && e.name !== SESSION_STARTED_METADATA_SLOT) {
      const last = steps[steps.length - 1];
      if (last?.kind === 'slot_was_set') last.slots.push({ name: e.name, value: e.value });
      else steps.push({ kind: 'slot_was_set', slots: [{ name: e.name, value: e.value }] });
    } else if (e.event === 'active_loop') steps.push({ kind: 'active_loop', name: e.name });
  }
  return steps;
}

/** Writes the conversation (its last session, or all of them) as a YAML test story. */
export function conversationToTestStory(events: readonly Event[], opts: TestStoryOptions): string {
  const all = sessions(events);
  const chosen = opts.allSessions ? all : all.slice(-1);
  return writeStoriesYaml(chosen.map((s) => ({ name: opts.name, steps: toSteps(s) })));
}
