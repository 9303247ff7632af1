// `parley data validate`: names used but not declared (errors), declared but unused (warnings).
import { actionNames, intentNames, REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT, ACTION_TWO_STAGE_FALLBACK } from '../core/index.js';
import type { Domain } from '../core/index.js';
import { collectReferences } from './collect-references.js';
import type { Reference } from './collect-references.js';
import { issue } from './issues.js';
import type { ProjectIssue } from './issues.js';
import type { Project } from './load-project.js';
import { findUnused } from './find-unused.js';

export interface ValidationReport { errors: ProjectIssue[]; warnings: ProjectIssue[] }

export function validateProject(project: Project): ValidationReport {
  const refs = collectReferences(project);
  const errors: ProjectIssue[] = [];
  const warnings: ProjectIssue[] = [];
  const report = (list: ProjectIssue[], ref: Reference, kind: string, message: string): void => {
    list.push(issue(ref.source.file, ref.source.line, kind, `${ref.context}: ${message}`));
  };
  const { domain } = project;
  const intents = new Set(intentNames(domain));
  for (const ref of refs.intents) {
    if (!intents.has(ref.name)) report(errors, ref, 'unknown_intent', `intent '${ref.name}' is not declared in the domain`);
  }
  checkEntities(domain, refs.entities, report, errors, warnings);
  const actions = new Set(actionNames(domain));
  for (const ref of refs.actions) {
    if (actions.has(ref.name)) continue;
    if (ref.name.startsWith('utter_')) report(errors, ref, 'missing_response', `'${ref.name}' has no response in the domain`);
    else report(errors, ref, 'unknown_action', `action '${ref.name}' is not declared in the domain`);
  }
  const slots = new Set([...domain.slots.map((s) => s.name), REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT]);
  for (const ref of refs.slots) {
    if (!slots.has(ref.name)) report(errors, ref, 'unknown_slot', `slot '${ref.name}' is not declared in the domain`);
  }
  const loops = new Set([...Object.keys(domain.forms), ...domain.actions, ACTION_TWO_STAGE_FALLBACK]);
  for (const ref of refs.loops) {
    if (!loops.has(ref.name)) report(errors, ref, 'unknown_form', `active_loop '${ref.name}' is not a form (or loop action) of the domain`);
  }
  warnings.push(...formsWithoutQuestions(project), ...findUnused(project, refs));
  return { errors: dedupe(errors), warnings: dedupe(warnings) };
}

type Report = (list: ProjectIssue[], ref: Reference, kind: string, message: string) => void;

function checkEntities(domain: Domain, refs: Reference[], report: Report, errors: ProjectIssue[], warnings: ProjectIssue[]): void {
  const entities = new Map(domain.entities.map((e) => [e.name, e]));
  for (const ref of refs) {
    const entity = entities.get(ref.name);
    if (!entity) {
      report(errors, ref, 'unknown_entity', `entity '${ref.name}' is not declared in the domain`);
      continue;
    }
    if (ref.role !== undefined && !entity.roles.includes(ref.role)) {
      report(warnings, ref, 'unknown_role', `role '${ref.role}' is not declared for entity '${ref.name}'`);
    }
    if (ref.group !== undefined && !entity.groups.includes(ref.group)) {
      report(warnings, ref, 'unknown_group', `group '${ref.group}' is not declared for entity '${ref.name}'`);
    }
  }
}

/** A form asks for each slot with utter_ask_[<form>_]<slot> or action_ask_[<form>_]<slot>. */
function formsWithoutQuestions(project: Project): ProjectIssue[] {
  const { domain } = project;
  const actions = new Set(actionNames(domain));
  const out: ProjectIssue[] = [];
  for (const form of Object.values(domain.forms)) {
    const source = project.sources?.forms[form.name] ?? { file: '<domain>', line: 0 };
    for (const slot of form.requiredSlots) {
      const asks = [`utter_ask_${form.name}_${slot}`, `utter_ask_${slot}`, `action_ask_${form.name}_${slot}`, `action_ask_${slot}`];
      if (asks.some((a) => actions.has(a))) continue;
      out.push(issue(source.file, source.line, 'missing_form_question',
        `form '${form.name}': no response utter_ask_${slot} (or action_ask_${slot}) to ask for slot '${slot}'`));
    }
  }
  return out;
}

function dedupe(list: ProjectIssue[]): ProjectIssue[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.file}\0${i.line}\0${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
