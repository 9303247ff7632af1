// Every name a project refers to (intents, entities, actions, slots, loops), with where it was used.
import type { Domain, SourceRef, StoryStep } from '../core/index.js';
import type { DomainSources } from './domain-sources.js';
import type { Project } from './load-project.js';

export interface Reference { name: string; source: SourceRef; context: string; role?: string; group?: string }

export interface References {
  intents: Reference[];
  entities: Reference[];
  actions: Reference[];
  slots: Reference[];
  loops: Reference[];
  /** intents and entities seen in NLU examples (kept apart: "declared but no examples" checks) */
  nluIntents: Set<string>;
  nluEntities: Set<string>;
}

const UNKNOWN: SourceRef = { file: '<unknown>', line: 0 };
export const baseIntent = (name: string): string => (name.indexOf('/') > 0 ? name.slice(0, name.indexOf('/')) : name);

export function collectReferences(project: Project): References {
  const refs: References = { intents: [], entities: [], actions: [], slots: [], loops: [], nluIntents: new Set(), nluEntities: new Set() };
  for (const ex of [...project.nlu.examples, ...project.testNlu.examples]) {
    const source = ex.source ?? UNKNOWN;
    refs.nluIntents.add(baseIntent(ex.intent));
    refs.intents.push({ name: baseIntent(ex.intent), source, context: 'NLU example' });
    for (const e of ex.entities) {
      refs.nluEntities.add(e.entity);
      refs.entities.push(withRoleGroup({ name: e.entity, source, context: 'NLU example' }, e.role, e.group));
    }
  }
  for (const story of [...project.stories, ...project.testStories]) addSteps(refs, story.steps, `story '${story.name}'`);
  for (const rule of project.rules) addSteps(refs, [...rule.condition, ...rule.steps], `rule '${rule.name}'`);
  addDomainReferences(refs, project.domain, project.sources);
  return refs;
}

function addSteps(refs: References, steps: StoryStep[], context: string): void {
  for (const step of steps) {
    const source = step.source ?? UNKNOWN;
    switch (step.kind) {
      case 'user':
        if (step.intent !== undefined) refs.intents.push({ name: baseIntent(step.intent), source, context });
        for (const e of step.entities) refs.entities.push(withRoleGroup({ name: e.entity, source, context }, e.role, e.group));
        break;
      case 'action': refs.actions.push({ name: step.name, source, context }); break;
      case 'active_loop': if (step.name !== null) refs.loops.push({ name: step.name, source, context }); break;
      case 'slot_was_set': for (const s of step.slots) refs.slots.push({ name: s.name, source, context }); break;
      case 'checkpoint': for (const s of step.slotWasSet ?? []) refs.slots.push({ name: s.name, source, context }); break;
      case 'or': addSteps(refs, step.alternatives, context); break;
      case 'bot': break;
    }
  }
}

function addDomainReferences(refs: References, domain: Domain, sources: DomainSources | undefined): void {
  const at = (kind: keyof DomainSources, name: string): SourceRef => sources?.[kind][name] ?? UNKNOWN;
  for (const intent of domain.intents) {
    const source = at('intents', intent.name);
    const used = intent.useEntities === true ? intent.ignoreEntities : [...intent.useEntities, ...intent.ignoreEntities];
    for (const e of used) refs.entities.push({ name: e, source, context: `intent '${intent.name}'` });
  }
  for (const slot of domain.slots) {
    const source = at('slots', slot.name);
    const context = `slot '${slot.name}' mapping`;
    for (const m of slot.mappings) {
      for (const i of [...(m.intent ?? []), ...(m.not_intent ?? [])]) refs.intents.push({ name: i, source, context });
      if (m.type === 'from_entity') refs.entities.push(withRoleGroup({ name: m.entity, source, context }, m.role, m.group));
      if (m.type === 'custom' && m.action !== undefined) refs.actions.push({ name: m.action, source, context });
      for (const c of m.conditions ?? []) {
        if (c.active_loop !== null) refs.loops.push({ name: c.active_loop, source, context });
        if (c.requested_slot) refs.slots.push({ name: c.requested_slot, source, context });
      }
    }
  }
  for (const form of Object.values(domain.forms)) {
    const source = at('forms', form.name);
    const context = `form '${form.name}'`;
    for (const s of form.requiredSlots) refs.slots.push({ name: s, source, context });
    for (const i of form.ignoredIntents) refs.intents.push({ name: i, source, context });
  }
  for (const [name, variations] of Object.entries(domain.responses)) {
    addResponseReferences(refs, name, variations, at('responses', name));
  }
}

const PAYLOAD = /^\/([^{@]+)(?:@[0-9.]+)?(\{.*\})?/s;

function addResponseReferences(refs: References, name: string, variations: Domain['responses'][string], source: SourceRef): void {
  const context = `response '${name}'`;
  for (const v of variations) {
    for (const c of v.condition ?? []) refs.slots.push({ name: c.name, source, context });
    for (const b of [...(v.buttons ?? []), ...(v.quick_replies ?? [])]) {
      const match = typeof b.payload === 'string' ? PAYLOAD.exec(b.payload.trim()) : null;
      if (!match?.[1]) continue;
      refs.intents.push({ name: baseIntent(match[1].trim()), source, context: `${context} button` });
      for (const entity of payloadEntities(match[2])) refs.entities.push({ name: entity, source, context: `${context} button` });
    }
  }
}

function payloadEntities(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

function withRoleGroup(ref: Reference, role: string | undefined, group: string | undefined): Reference {
  if (role !== undefined) ref.role = role;
  if (group !== undefined) ref.group = group;
  return ref;
}
