// Declared but never used: intents without examples, responses/actions/forms no story uses, ...
import { DEFAULT_INTENTS } from '../core/index.js';
import type { SourceRef } from '../core/index.js';
import type { DomainKind } from './domain-sources.js';
import type { References } from './collect-references.js';
import { issue } from './issues.js';
import type { ProjectIssue } from './issues.js';
import type { Project } from './load-project.js';

/** Responses Rasa's default actions utter by themselves. */
const DEFAULT_RESPONSES = new Set(['utter_default', 'utter_ask_rephrase', 'utter_restart', 'utter_back']);

export function findUnused(project: Project, refs: References): ProjectIssue[] {
  const { domain } = project;
  const out: ProjectIssue[] = [];
  const at = (kind: DomainKind, name: string): SourceRef => project.sources?.[kind][name] ?? { file: '<domain>', line: 0 };
  const warn = (kind: DomainKind, name: string, code: string, message: string): void => {
    const s = at(kind, name);
    out.push(issue(s.file, s.line, code, message));
  };
  const usedIntents = new Set(refs.intents.filter((r) => r.context !== 'NLU example').map((r) => r.name));
  for (const intent of domain.intents) {
    if (DEFAULT_INTENTS.includes(intent.name)) continue;
    if (!refs.nluIntents.has(intent.name)) warn('intents', intent.name, 'intent_without_examples', `intent '${intent.name}' has no NLU examples`);
    else if (!usedIntents.has(intent.name)) warn('intents', intent.name, 'unused_intent', `intent '${intent.name}' is not used in any story, rule or slot mapping`);
  }
  const extracted = new Set([...refs.nluEntities, ...project.nlu.regexes.map((r) => r.name), ...project.nlu.lookups.map((l) => l.name)]);
  const mapped = new Set(refs.entities.filter((r) => r.context.startsWith('slot ')).map((r) => r.name));
  for (const entity of domain.entities) {
    if (!extracted.has(entity.name) && !mapped.has(entity.name)) {
      warn('entities', entity.name, 'unused_entity', `entity '${entity.name}' is not annotated in any NLU example nor used by a slot mapping`);
    }
  }
  const usedActions = new Set(refs.actions.map((r) => r.name));
  for (const name of Object.keys(domain.responses)) {
    if (!isResponseUsed(project, name, usedActions)) warn('responses', name, 'unused_response', `response '${name}' is not used in any story or rule`);
  }
  for (const name of domain.actions) {
    if (usedActions.has(name) || name.startsWith('validate_') || name === 'action_validate_slot_mappings' || domain.forms[name]) continue;
    if (name.startsWith('utter_') && domain.responses[name]) continue;
    warn('actions', name, 'unused_action', `action '${name}' is not used in any story or rule`);
  }
  const usedLoops = new Set(refs.loops.map((r) => r.name));
  for (const name of Object.keys(domain.forms)) {
    if (!usedActions.has(name) && !usedLoops.has(name)) warn('forms', name, 'unused_form', `form '${name}' is never activated in a story or rule`);
  }
  out.push(...duplicateExamples(project));
  return out;
}

function isResponseUsed(project: Project, name: string, usedActions: Set<string>): boolean {
  if (usedActions.has(name) || DEFAULT_RESPONSES.has(name)) return true;
  const slash = name.indexOf('/');
  if (slash > 0) return usedActions.has(name.slice(0, slash)); // utter_faq/ask_x is used through utter_faq
  if (!name.startsWith('utter_ask_')) return false;
  // forms ask for a slot with utter_ask_<slot> or utter_ask_<form>_<slot>
  for (const form of Object.values(project.domain.forms)) {
    for (const slot of form.requiredSlots) {
      if (name === `utter_ask_${slot}` || name === `utter_ask_${form.name}_${slot}`) return true;
    }
  }
  return false;
}

function duplicateExamples(project: Project): ProjectIssue[] {
  const firstIntent = new Map<string, { intent: string; source: SourceRef | undefined }>();
  const out: ProjectIssue[] = [];
  for (const ex of project.nlu.examples) {
    const seen = firstIntent.get(ex.text);
    if (!seen) { firstIntent.set(ex.text, { intent: ex.intent, source: ex.source }); continue; }
    if (seen.intent === ex.intent) continue;
    const where = seen.source ? ` (also at ${seen.source.file}:${seen.source.line})` : '';
    out.push(issue(ex.source?.file ?? '<nlu>', ex.source?.line ?? 0, 'duplicate_example',
      `example '${ex.text}' is listed for intent '${ex.intent}' and for '${seen.intent}'${where}`));
  }
  return out;
}
