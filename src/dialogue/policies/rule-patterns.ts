// Rules as state patterns: "when the recent states look like this, do that".
import type { Domain, SourceRef } from '../../core/index.js';
import { RULE_SNIPPET_ACTION } from '../../core/index.js';
import type { TrainingTracker } from '../stories/index.js';
import type { DialogueState } from './dialogue-state.js';
import { SHOULD_NOT_BE_SET, featureCount, stateKey } from './dialogue-state.js';
import { featurizeEvents } from './featurize.js';

export interface RulePattern {
  /** rule states, oldest first; the last one is compared with the current conversation state */
  states: DialogueState[];
  action: string;
  /** the rules this pattern comes from */
  rules: { name: string; source: SourceRef }[];
  /** the line of the predicted step, when written (the implicit action_listen has none) */
  step?: SourceRef;
}

/** Patterns of one rule tracker: one per predictable action after the snippet / conversation start. */
export function rulePatterns(tracker: TrainingTracker, domain: Domain): RulePattern[] {
  const { states, actions } = featurizeEvents(tracker.events, domain, { ruleMode: true });
  const written = tracker.sources.filter((_, i) => tracker.events[i]?.event === 'action');
  // applied history can drop repeated loop runs; then positions no longer line up
  const actionSources = written.length === actions.length ? written : [];
  const out: RulePattern[] = [];
  let from = 0;
  let unpredictable = true; // the first action of a rule (or after `...`) only sets the scene
  actions.forEach((a, i) => {
    if (a.name === RULE_SNIPPET_ACTION) { from = i + 2; unpredictable = true; return; }
    if (unpredictable || a.name === null) { unpredictable = false; return; }
    const pattern: RulePattern = { states: states.slice(from, i + 1), action: a.name, rules: [{ name: tracker.name, source: tracker.source }] };
    const step = actionSources[i];
    if (step) pattern.step = step;
    out.push(pattern);
  });
  return out;
}

export const patternKey = (p: Pick<RulePattern, 'states'>): string => p.states.map(stateKey).join('>');

/** All patterns of all rules; identical patterns predicting the same action are merged. */
export function buildRulePatterns(trackers: readonly TrainingTracker[], domain: Domain): RulePattern[] {
  const byKey = new Map<string, RulePattern>();
  for (const t of trackers) {
    for (const p of rulePatterns(t, domain)) {
      const key = `${patternKey(p)}=>${p.action}`;
      const known = byKey.get(key);
      if (known) { for (const r of p.rules) if (!known.rules.some((k) => k.name === r.name)) known.rules.push(r); }
      else byKey.set(key, p);
    }
  }
  return [...byKey.values()];
}

function valueMatches(rule: string | undefined, conv: string | undefined): boolean {
  if (rule === undefined) return true;
  if (rule === SHOULD_NOT_BE_SET) return conv === undefined || conv === SHOULD_NOT_BE_SET;
  return rule === conv;
}

/** Every feature of the rule state is present (or, for "must not be set", absent) in the conversation state. */
export function stateMatches(rule: DialogueState, conv: DialogueState): boolean {
  if (rule.user) {
    const u = conv.user;
    if (rule.user.intent !== undefined && u?.intent !== rule.user.intent) return false;
    if (rule.user.text !== undefined && u?.text !== rule.user.text) return false;
    if (rule.user.entities && (u?.entities ?? []).join(',') !== rule.user.entities.join(',')) return false;
  }
  if (rule.prevAction) {
    const p = conv.prevAction;
    if (!p) return false;
    if ('name' in rule.prevAction ? !('name' in p) || p.name !== rule.prevAction.name : !('text' in p) || p.text !== rule.prevAction.text) return false;
  }
  if (!valueMatches(rule.activeLoop, conv.activeLoop)) return false;
  for (const [name, feature] of Object.entries(rule.slots ?? {})) if (!valueMatches(feature, conv.slots?.[name])) return false;
  return true;
}

/** Does the pattern apply to the conversation, comparing states backwards from the current one? */
export function patternApplies(pattern: RulePattern, conv: readonly DialogueState[]): boolean {
  const k = pattern.states.length;
  for (let j = 0; j < k; j++) {
    const c = conv[conv.length - 1 - j];
    if (!c) return true; // the conversation is shorter than the rule: nothing contradicts it
    const r = pattern.states[k - 1 - j] as DialogueState;
    if (!r.prevAction && !c.prevAction) continue; // both are conversation starts
    if (!r.prevAction || !c.prevAction) return false; // only one of them is a start
    if (!stateMatches(r, c)) return false;
  }
  return true;
}

/** How specific a pattern is: more states first, then more features ("the longest rule wins"). */
export function specificity(p: RulePattern): [number, number] {
  return [p.states.length, p.states.reduce((n, s) => n + featureCount(s), 0)];
}
