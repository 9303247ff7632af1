// Story and rule steps (rasa-compat §5.3): user turns, actions, bot text, loops, slots, checkpoints, or.
import type { Node } from 'yaml';
import type { ActiveLoopStep, SlotAssertion, SlotWasSetStep, StoryEntity, StoryStep, UserStep } from '../core/index.js';
import { parseAnnotatedText } from './annotated-text.js';
import { projectError } from './issues.js';
import type { Entry, YamlSource } from './yaml-source.js';

export interface StepOptions {
  /** test stories keep full retrieval intents (`faq/ask_name`) */
  test: boolean;
}

const STEP_KINDS = ['intent', 'user', 'action', 'bot', 'active_loop', 'slot_was_set', 'checkpoint', 'or'] as const;
const USER_KEYS = new Set(['intent', 'user', 'entities', 'metadata']);

export function readSteps(src: YamlSource, node: Node | null, line: number, opts: StepOptions): StoryStep[] {
  return src.items(node, 'steps', line).map((item) => readStep(src, item, opts));
}

export function readStep(src: YamlSource, node: Node, opts: StepOptions): StoryStep {
  const line = src.line(node);
  const entries = src.entries(node, 'a step');
  const byKey = new Map(entries.map((e) => [e.key, e]));
  for (const e of entries) {
    if (!(STEP_KINDS as readonly string[]).includes(e.key) && !USER_KEYS.has(e.key)) {
      src.fail(e.value, `unknown step key '${e.key}' (expected one of ${STEP_KINDS.join(', ')})`, e.line);
    }
  }
  const source = { file: src.file, line };
  if (byKey.has('intent') || byKey.has('user')) {
    onlyKeys(src, entries, USER_KEYS, 'a user step');
    return readUserStep(src, byKey, source, opts);
  }
  // checkpoint first: a checkpoint step may carry its own slot_was_set
  const kind = (['checkpoint', 'action', 'bot', 'active_loop', 'slot_was_set', 'or'] as const).find((k) => byKey.has(k));
  if (!kind) return src.fail(node, `a step needs one of ${STEP_KINDS.join(', ')}`);
  const main = byKey.get(kind) as Entry;
  onlyKeys(src, entries, new Set(kind === 'checkpoint' ? ['checkpoint', 'slot_was_set'] : [kind]), `a ${kind} step`);
  switch (kind) {
    case 'action': return { kind, name: src.str(main.value, 'action', main.line), source };
    case 'bot': return { kind, text: src.str(main.value, 'bot', main.line).trim(), source };
    case 'active_loop': return readActiveLoop(src, main, source);
    case 'slot_was_set': return { kind, slots: readSlotAssertions(src, main), source };
    case 'checkpoint': {
      const slots = byKey.get('slot_was_set');
      const step: StoryStep = { kind, name: src.str(main.value, 'checkpoint', main.line), source };
      if (slots) step.slotWasSet = readSlotAssertions(src, slots);
      return step;
    }
    default: return readOr(src, main, source, opts);
  }
}

function onlyKeys(src: YamlSource, entries: Entry[], allowed: Set<string>, what: string): void {
  for (const e of entries) if (!allowed.has(e.key)) src.fail(e.value, `${what} cannot also have '${e.key}'`, e.line);
}

function readUserStep(src: YamlSource, byKey: Map<string, Entry>, source: { file: string; line: number }, opts: StepOptions): UserStep {
  const step: UserStep = { kind: 'user', entities: [], source };
  const intent = byKey.get('intent');
  if (intent) step.intent = cleanIntent(src, src.str(intent.value, 'intent', intent.line), intent, opts);
  const user = byKey.get('user');
  if (user) {
    const raw = src.str(user.value, 'user', user.line).trim();
    try {
      const parsed = parseAnnotatedText(raw);
      step.text = parsed.text;
      step.entities = parsed.entities.map((e) => withOptional({ entity: e.entity, value: e.value }, e.role, e.group));
    } catch (cause) {
      throw projectError(src.file, user.line, (cause as Error).message, cause);
    }
  }
  const entities = byKey.get('entities');
  if (entities) step.entities = mergeEntities(step.entities, src.items(entities.value, 'entities', entities.line).flatMap((n) => readStoryEntity(src, n)));
  return step;
}

/**
 * An explicit `entities:` list refines the annotations of the step's text: an explicit entity of
 * an annotated type (and role/group) gives that annotation its value (e.g. a synonym's canonical
 * value); any other explicit entity is added.
 */
function mergeEntities(annotated: StoryEntity[], explicit: StoryEntity[]): StoryEntity[] {
  const merged = annotated.map((e) => ({ ...e }));
  const refined = new Set<StoryEntity>();
  for (const x of explicit) {
    const same = merged.find((e) => !refined.has(e) && e.entity === x.entity && e.role === x.role && e.group === x.group);
    if (same && annotated.length > 0 && merged.indexOf(same) < annotated.length) {
      if (x.value !== undefined) same.value = x.value;
      refined.add(same);
    } else merged.push(x);
  }
  return merged;
}

function cleanIntent(src: YamlSource, raw: string, entry: Entry, opts: StepOptions): string {
  let name = raw.trim();
  if (name.startsWith('/')) {
    name = name.slice(1);
    src.warn(entry.value, 'intent_slash', `intent '${raw}' starts with '/'; use '${name}'`, entry.line);
  }
  const slash = name.indexOf('/');
  return slash > 0 && !opts.test ? name.slice(0, slash) : name;
}

/** `- cuisine: italian`, bare `- cuisine`, `- {city: Berlin, role: departure}` or `- {entity: city, value: ..}`. */
function readStoryEntity(src: YamlSource, node: Node): StoryEntity[] {
  if (src.isScalar(node)) return [{ entity: src.str(node, 'entity') }];
  const fields = src.js(node);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return src.fail(node, 'an entity must be a name or a mapping');
  const { role, group, entity, value, ...rest } = fields as Record<string, unknown>;
  const r = role === undefined ? undefined : String(role);
  const g = group === undefined ? undefined : String(group);
  if (entity !== undefined) return [withOptional({ entity: String(entity), value }, r, g)];
  const pairs = Object.entries(rest);
  if (pairs.length === 0) return src.fail(node, 'an entity mapping needs an entity name');
  return pairs.map(([name, v]) => withOptional({ entity: name, value: v }, r, g));
}

function withOptional(entity: StoryEntity, role: string | undefined, group: string | undefined): StoryEntity {
  if (entity.value === undefined) delete entity.value;
  if (role !== undefined) entity.role = role;
  if (group !== undefined) entity.group = group;
  return entity;
}

function readActiveLoop(src: YamlSource, entry: Entry, source: { file: string; line: number }): ActiveLoopStep {
  const name = src.isNull(entry.value) ? null : src.str(entry.value, 'active_loop', entry.line);
  return { kind: 'active_loop', name, source };
}

export function readSlotAssertions(src: YamlSource, entry: Entry): SlotAssertion[] {
  const nodes = src.isMap(entry.value) ? [entry.value as Node] : src.items(entry.value, 'slot_was_set', entry.line);
  return nodes.flatMap((n): SlotAssertion[] => {
    if (src.isScalar(n)) return [{ name: src.str(n, 'slot name'), value: 'filled', anyValue: true }];
    return src.entries(n, 'a slot_was_set item').map((e) => ({ name: e.key, value: src.js(e.value) }));
  });
}

function readOr(src: YamlSource, entry: Entry, source: { file: string; line: number }, opts: StepOptions): StoryStep {
  const alternatives = src.items(entry.value, 'or', entry.line).map((n) => {
    const step = readStep(src, n, opts);
    if (step.kind !== 'user' && step.kind !== 'slot_was_set') src.fail(n, `'or' may only contain intent/user or slot_was_set steps (got ${step.kind})`);
    return step as UserStep | SlotWasSetStep;
  });
  if (alternatives.length === 0) src.fail(entry.value, "'or' needs at least one alternative", entry.line);
  return { kind: 'or', alternatives, source };
}
