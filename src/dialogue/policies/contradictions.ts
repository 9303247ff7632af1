// Rules that contradict each other or the stories: replay every story and rule and see
// whether the rules would predict another action than the one written (rasa-compat §5.4).
import type { Domain, Event, Rule, SourceRef, Story, TrackerState } from '../../core/index.js';
import { RULE_SNIPPET_ACTION, actionExecutionRejectedEvent, applyEvent, initialState, slotInitialValues } from '../../core/index.js';
import type { TrainingTracker } from '../stories/index.js';
import { buildTrainingTrackers } from '../stories/index.js';
import { featurizeEvents } from './featurize.js';
import type { RuleInput } from './rule-decision.js';
import { decideByRules, effectiveAction } from './rule-decision.js';
import { RuleMatcher } from './rule-matcher.js';
import { buildRulePatterns } from './rule-patterns.js';

export interface Contradiction {
  /** the story or rule whose written action the rules contradict */
  tracker: { kind: 'story' | 'rule'; name: string; source: SourceRef };
  /** the line of the contradicted step, when it was written (not an implicit action_listen) */
  step?: SourceRef;
  expected: string;
  predicted: string;
  /** the rules that predicted `predicted` */
  rules: { name: string; source: SourceRef }[];
  message: string;
}

const at = (s: SourceRef): string => `${s.file}:${s.line}`;

function describe(c: Omit<Contradiction, 'message'>): string {
  const where = c.step ? at(c.step) : at(c.tracker.source);
  const rules = c.rules.map((r) => `'${r.name}' (${at(r.source)})`).join(', ');
  return `- the prediction of the action '${c.expected}' in ${c.tracker.kind} '${c.tracker.name}' (${where}) `
    + `is contradicting with rule(s) ${rules} which predicted action '${c.predicted}'.`;
}

export function inputOf(events: readonly Event[], st: TrackerState, domain: Domain, ruleMode: boolean): RuleInput {
  const latest = st.latestAction;
  return {
    states: featurizeEvents(events, domain, { ruleMode }).states,
    latestAction: latest && 'action_name' in latest ? latest.action_name : null,
    latestIntent: st.latestMessage?.parse_data.intent?.name ?? null,
    activeLoop: st.activeLoop ? { name: st.activeLoop.name, rejected: st.activeLoop.rejected } : null,
  };
}

/** The rules' verdict on one written action; undefined when they agree or have no say. */
function verdict(matcher: RuleMatcher, input: RuleInput, gold: string): { predicted: string; rules: Contradiction['rules'] } | undefined {
  const decision = decideByRules(matcher, input);
  if (decision?.source !== 'rule') return undefined;
  // every equally specific rule counts: a tie between different actions is a contradiction too
  const wrong = decision.patterns.filter((p) => effectiveAction(p, input) !== gold);
  const first = wrong[0];
  if (!first) return undefined;
  const predicted = effectiveAction(first, input);
  return { predicted, rules: wrong.filter((p) => effectiveAction(p, input) === predicted).flatMap((p) => p.rules) };
}

/** Replays one tracker against the rules; returns the contradictions found. */
function checkTracker(t: TrainingTracker, matcher: RuleMatcher, domain: Domain): Contradiction[] {
  const found: Contradiction[] = [];
  const ruleMode = t.kind === 'rule';
  const initial = slotInitialValues(domain);
  const running: Event[] = [];
  let st = initialState(initial);
  let unpredictable = true; // a tracker's first action (and the one after `...`) is not predicted
  const append = (e: Event): void => { running.push(e); st = applyEvent(st, e, initial); };
  t.events.forEach((e, i) => {
    if (e.event !== 'action' || e.name === null) return append(e);
    if (e.name === RULE_SNIPPET_ACTION || unpredictable) { unpredictable = e.name === RULE_SNIPPET_ACTION; return append(e); }
    let input = inputOf(running, st, domain, ruleMode);
    const loop = input.activeLoop;
    if (loop && !loop.rejected && loop.name !== e.name && input.latestAction !== loop.name) {
      append(actionExecutionRejectedEvent(loop.name)); // the form might have rejected: what would the rules do?
      input = inputOf(running, st, domain, ruleMode);
    }
    const v = verdict(matcher, input, e.name);
    if (v) {
      const c: Omit<Contradiction, 'message'> = { tracker: { kind: t.kind, name: t.name, source: t.source }, expected: e.name, ...v };
      const step = t.sources[i];
      if (step) c.step = step;
      found.push({ ...c, message: describe(c) });
    }
    append(e);
  });
  return found;
}

/** Contradictions between rules, and between rules and stories. */
export function contradictionsIn(trackers: { stories: readonly TrainingTracker[]; rules: readonly TrainingTracker[] }, matcher: RuleMatcher, domain: Domain): Contradiction[] {
  const out: Contradiction[] = [];
  const seen = new Set<string>();
  for (const t of [...trackers.rules, ...trackers.stories]) {
    for (const c of checkTracker(t, matcher, domain)) {
      if (seen.has(c.message)) continue;
      seen.add(c.message);
      out.push(c);
    }
  }
  return out;
}

export function findContradictions(data: { stories: readonly Story[]; rules: readonly Rule[]; domain: Domain }): Contradiction[] {
  const trackers = buildTrainingTrackers(data);
  return contradictionsIn(trackers, new RuleMatcher(buildRulePatterns(trackers.rules, data.domain)), data.domain);
}
