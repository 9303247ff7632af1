// RulePolicy (priority 4): default intents, the active loop's happy path, rules, fallback.
import type { Domain, Tracker } from '../../core/index.js';
import { ACTION_DEFAULT_FALLBACK } from '../../core/index.js';
import type { Policy, Prediction } from '../policy.js';
import type { TrainingTracker } from '../stories/index.js';
import type { RuleDecision, RuleInput } from './rule-decision.js';
import { decideByRules } from './rule-decision.js';
import { RuleMatcher } from './rule-matcher.js';
import type { RulePattern } from './rule-patterns.js';
import { buildRulePatterns } from './rule-patterns.js';
import { trackerStates } from './featurize.js';

export const RULE_POLICY_PRIORITY = 4;

export interface RulePolicyOptions {
  priority: number;
  coreFallbackThreshold: number;
  coreFallbackActionName: string;
  enableFallbackPrediction: boolean;
  restrictRules: boolean;
  checkForContradictions: boolean;
}

export const DEFAULT_RULE_POLICY_OPTIONS: RulePolicyOptions = {
  priority: RULE_POLICY_PRIORITY,
  coreFallbackThreshold: 0.3,
  coreFallbackActionName: ACTION_DEFAULT_FALLBACK,
  enableFallbackPrediction: true,
  restrictRules: true,
  checkForContradictions: true,
};

export interface RulePolicyData { name: 'RulePolicy'; options: RulePolicyOptions; patterns: RulePattern[] }

/** What the rule policy needs of a tracker, read once per prediction. */
export function ruleInput(tracker: Tracker, domain: Domain): RuleInput {
  const loop = tracker.state.activeLoop;
  return {
    states: trackerStates(tracker, domain),
    latestAction: tracker.latestActionName,
    latestIntent: tracker.latestIntent,
    activeLoop: loop ? { name: loop.name, rejected: loop.rejected } : null,
  };
}

export class RulePolicy implements Policy {
  readonly name = 'RulePolicy';
  private readonly matcher: RuleMatcher;

  constructor(readonly options: RulePolicyOptions, patterns: readonly RulePattern[]) {
    this.matcher = new RuleMatcher(patterns);
  }

  static train(ruleTrackers: readonly TrainingTracker[], domain: Domain, options: RulePolicyOptions): RulePolicy {
    return new RulePolicy(options, buildRulePatterns(ruleTrackers, domain));
  }

  static fromData(data: RulePolicyData): RulePolicy {
    return new RulePolicy({ ...DEFAULT_RULE_POLICY_OPTIONS, ...data.options }, data.patterns);
  }

  get priority(): number { return this.options.priority; }

  /** The bare decision (no fallback), for training checks and tests. */
  decide(input: RuleInput): RuleDecision | undefined {
    return decideByRules(this.matcher, input);
  }

  predict(tracker: Tracker, domain: Domain): Prediction | undefined {
    const decision = this.decide(ruleInput(tracker, domain));
    if (decision) {
      const p: Prediction = { action: decision.action, confidence: 1, policy: this.name, priority: this.priority, scores: { [decision.action]: 1 } };
      if (decision.source === 'loop') p.isNoUserPrediction = true;
      return p;
    }
    if (!this.options.enableFallbackPrediction) return undefined;
    const { coreFallbackActionName: action, coreFallbackThreshold: confidence } = this.options;
    return { action, confidence, policy: this.name, priority: this.priority, scores: { [action]: confidence } };
  }

  persist(): RulePolicyData {
    return { name: 'RulePolicy', options: { ...this.options }, patterns: [...this.matcher.patterns] };
  }
}
