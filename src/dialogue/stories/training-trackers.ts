// Stories and rules → training trackers: linear event sequences with their origins.
import type { Domain, Event, Rule, SourceRef, Story } from '../../core/index.js';
import { RULE_SNIPPET_ACTION, actionEvent } from '../../core/index.js';
import type { ExpandOptions } from './expand-stories.js';
import { expandStories } from './expand-stories.js';
import type { LinearStep } from './linear-story.js';
import { listenEvent, stepsToEvents } from './story-events.js';
import type { SourcedEvents } from './story-events.js';

export interface TrainingTracker {
  kind: 'story' | 'rule';
  name: string;
  source: SourceRef;
  /** the stories stitched into this tracker (one for a story without checkpoints) */
  parts: { name: string; source: SourceRef }[];
  events: Event[];
  /** where each event was written; undefined for implicit events (action_listen, snippets) */
  sources: (SourceRef | undefined)[];
  /** rules only: matches at the start of a conversation only */
  conversationStart: boolean;
  /** rules only: how many user turns the rule has (restrict_rules allows one) */
  userTurns: number;
}

export interface TrainingTrackers { stories: TrainingTracker[]; rules: TrainingTracker[]; warnings: string[] }

/** A finished story ends with the bot listening (Rasa's implicit final action_listen). */
export function appendFinalListen(ev: SourcedEvents): void {
  const last = ev.events[ev.events.length - 1];
  if (!last || last.event === 'user' || (last.event === 'action' && last.name === listenEvent().name)) return;
  ev.events.push(listenEvent());
  ev.sources.push(undefined);
}

const userTurns = (steps: readonly LinearStep[]): number => steps.filter((s) => s.kind === 'user').length;

export function storyTrackers(stories: readonly Story[], domain: Domain, opts: ExpandOptions = {}): { trackers: TrainingTracker[]; warnings: string[] } {
  const { stories: linear, warnings } = expandStories(stories, opts);
  const trackers = linear.map((s): TrainingTracker => {
    const ev = stepsToEvents(s.steps, domain);
    if (!s.endsAtCheckpoint) appendFinalListen(ev);
    return { kind: 'story', name: s.name, source: s.source, parts: s.parts, ...ev, conversationStart: false, userTurns: userTurns(s.steps) };
  });
  return { trackers, warnings };
}

/** A rule's events: `...` (unless conversation_start), its conditions, its steps, the implicit listen. */
function ruleEvents(rule: Rule, steps: readonly LinearStep[], domain: Domain): SourcedEvents {
  const start: SourcedEvents = { events: [], sources: [] };
  if (!rule.conversationStart) { start.events.push(actionEvent(RULE_SNIPPET_ACTION, { timestamp: 0 })); start.sources.push(undefined); }
  const withConditions = stepsToEvents(rule.condition, domain, start);
  const out = stepsToEvents(steps, domain, withConditions);
  if (rule.waitForUserInput) appendFinalListen(out);
  return out;
}

export function ruleTrackers(rules: readonly Rule[], domain: Domain, opts: ExpandOptions = {}): { trackers: TrainingTracker[]; warnings: string[] } {
  const warnings: string[] = [];
  const trackers: TrainingTracker[] = [];
  for (const rule of rules) {
    if (rule.steps.some((s) => s.kind === 'checkpoint')) warnings.push(`rule "${rule.name}" (${rule.source.file}:${rule.source.line}): checkpoints are ignored in rules`);
    const expanded = expandStories([{ name: rule.name, source: rule.source, steps: rule.steps.filter((s) => s.kind !== 'checkpoint') }], opts);
    warnings.push(...expanded.warnings);
    for (const linear of expanded.stories) {
      trackers.push({
        kind: 'rule', name: rule.name, source: rule.source, parts: [{ name: rule.name, source: rule.source }],
        ...ruleEvents(rule, linear.steps, domain), conversationStart: rule.conversationStart, userTurns: userTurns(linear.steps),
      });
    }
  }
  return { trackers, warnings };
}

/** Every training tracker of a project's stories and rules. */
export function buildTrainingTrackers(data: { stories: readonly Story[]; rules: readonly Rule[]; domain: Domain }, opts: ExpandOptions = {}): TrainingTrackers {
  const s = storyTrackers(data.stories, data.domain, opts);
  const r = ruleTrackers(data.rules, data.domain, opts);
  return { stories: s.trackers, rules: r.trackers, warnings: [...s.warnings, ...r.warnings] };
}
