// RulePolicy's decision procedure, on plain inputs so training checks can reuse it.
import { ACTION_BACK, ACTION_LISTEN, ACTION_RESTART, ACTION_SESSION_START } from '../../core/index.js';
import type { DialogueState } from './dialogue-state.js';
import type { RuleMatcher } from './rule-matcher.js';
import type { RulePattern } from './rule-patterns.js';
import { patternKey } from './rule-patterns.js';

/** Intents answered by a default action whatever the rules say. */
export const DEFAULT_INTENT_ACTIONS: Readonly<Record<string, string>> = {
  restart: ACTION_RESTART,
  back: ACTION_BACK,
  session_start: ACTION_SESSION_START,
};

export interface RuleInput {
  states: readonly DialogueState[];
  latestAction: string | null;
  latestIntent: string | null;
  activeLoop: { name: string; rejected: boolean } | null;
}

export type RuleDecision =
  | { source: 'default_intent'; action: string }
  | { source: 'loop'; action: string }
  | { source: 'rule'; action: string; patterns: RulePattern[] };

/** A pattern's action, with Rasa's twist: a general rule's listen inside a loop resumes the loop. */
export function effectiveAction(p: RulePattern, input: Pick<RuleInput, 'activeLoop'>): string {
  const general = p.states[p.states.length - 1]?.activeLoop === undefined;
  return input.activeLoop && p.action === ACTION_LISTEN && general ? input.activeLoop.name : p.action;
}

/** The most specific applicable rule patterns and the action of the first of them. */
export function ruleAnswer(matcher: RuleMatcher, input: RuleInput): { action: string; patterns: RulePattern[] } | undefined {
  const patterns = matcher.best(input.states);
  const first = patterns[0];
  return first ? { action: effectiveAction(first, input), patterns } : undefined;
}

/** Default intent mapping → loop happy path → rules. Undefined when nothing applies (fallback). */
export function decideByRules(matcher: RuleMatcher, input: RuleInput): RuleDecision | undefined {
  if (input.latestAction === ACTION_LISTEN && input.latestIntent !== null) {
    const mapped = DEFAULT_INTENT_ACTIONS[input.latestIntent];
    if (mapped) return { source: 'default_intent', action: mapped };
  }
  const loop = input.activeLoop;
  if (loop && !loop.rejected) {
    // the loop runs after every user message, and the bot listens right after it ran
    return { source: 'loop', action: input.latestAction === loop.name ? ACTION_LISTEN : loop.name };
  }
  const answer = ruleAnswer(matcher, input);
  return answer ? { source: 'rule', ...answer } : undefined;
}

/**
 * Which rule made a decision, as a stable id (Rasa's `prediction_source`): the matched rule
 * pattern, the default intent mapping, or the loop's happy path (running it / listening after it).
 */
export function decisionSource(decision: RuleDecision, input: Pick<RuleInput, 'activeLoop' | 'latestIntent'>): string {
  switch (decision.source) {
    case 'default_intent': return `default:${input.latestIntent ?? ''}`;
    case 'loop': return `loop:${input.activeLoop?.name ?? ''}${decision.action === ACTION_LISTEN ? ':listen' : ''}`;
    case 'rule': {
      const first = decision.patterns[0];
      return first ? `rule:${patternKey(first)}=>${first.action}` : 'rule:';
    }
  }
}
