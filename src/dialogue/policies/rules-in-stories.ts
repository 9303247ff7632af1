// Which rule decisions the stories also contain. RulePolicy hides the turns it predicts from
// any other source (`hide_rule_turn`), so memoization can match stories that never mention them.
import type { Domain, Event } from '../../core/index.js';
import { RULE_SNIPPET_ACTION, actionExecutionRejectedEvent, applyEvent, initialState, slotInitialValues } from '../../core/index.js';
import type { TrainingTracker } from '../stories/index.js';
import { inputOf } from './contradictions.js';
import { decideByRules, decisionSource } from './rule-decision.js';
import type { RuleMatcher } from './rule-matcher.js';

/** The decision sources that predict a written action of some story. */
function sourcesUsedBy(t: TrainingTracker, matcher: RuleMatcher, domain: Domain, used: Set<string>): void {
  const initial = slotInitialValues(domain);
  const running: Event[] = [];
  let st = initialState(initial);
  const append = (e: Event): void => { running.push(e); st = applyEvent(st, e, initial); };
  let first = true; // a story's first action (the initial listen) is not predicted
  for (const e of t.events) {
    if (e.event !== 'action' || e.name === null || e.name === RULE_SNIPPET_ACTION || first) {
      if (e.event === 'action') first = false;
      append(e);
      continue;
    }
    let input = inputOf(running, st, domain, false);
    const loop = input.activeLoop;
    if (loop && !loop.rejected && loop.name !== e.name && input.latestAction !== loop.name) {
      append(actionExecutionRejectedEvent(loop.name)); // as at runtime: the form rejected, others take over
      input = inputOf(running, st, domain, false);
    }
    const decision = decideByRules(matcher, input);
    if (decision && decision.action === e.name) used.add(decisionSource(decision, input));
    append(e);
  }
}

export function rulesUsedInStories(stories: readonly TrainingTracker[], matcher: RuleMatcher, domain: Domain): Set<string> {
  const used = new Set<string>();
  for (const t of stories) sourcesUsedBy(t, matcher, domain, used);
  return used;
}
