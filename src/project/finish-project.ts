// Cross-file touches once everything is read: retrieval intents, "any value" slot assertions.
import type { Domain, SlotAssertion, StoryStep } from '../core/index.js';
import type { Project } from './load-project.js';

export function finishProject(project: Project): void {
  markRetrievalIntents(project);
  const steps = [...project.stories, ...project.rules, ...project.testStories].flatMap((s) => s.steps);
  for (const rule of project.rules) steps.push(...rule.condition);
  for (const step of steps) for (const slot of assertionsOf(step)) fillAnyValue(project.domain, slot);
}

/** A domain intent is a retrieval intent when NLU has `intent/key` examples for it. */
function markRetrievalIntents(project: Project): void {
  const bases = new Set<string>();
  for (const ex of [...project.nlu.examples, ...project.testNlu.examples]) {
    const slash = ex.intent.indexOf('/');
    if (slash > 0) bases.add(ex.intent.slice(0, slash));
  }
  for (const intent of project.domain.intents) if (bases.has(intent.name)) intent.isRetrieval = true;
}

function assertionsOf(step: StoryStep): SlotAssertion[] {
  if (step.kind === 'slot_was_set') return step.slots;
  if (step.kind === 'checkpoint') return step.slotWasSet ?? [];
  if (step.kind === 'or') return step.alternatives.flatMap(assertionsOf);
  return [];
}

/** A bare slot name means "some value"; Rasa featurizes it as "filled" (a list slot as ["filled"]). */
function fillAnyValue(domain: Domain, slot: SlotAssertion): void {
  if (!slot.anyValue) return;
  const type = domain.slots.find((s) => s.name === slot.name)?.type;
  if (type === 'list') slot.value = ['filled'];
  else if (type === 'bool') slot.value = true;
  else if (type === 'float') slot.value = 1;
  else slot.value = 'filled';
}
