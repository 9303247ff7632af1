// RulePolicy (priority 4): default intents, the active loop's happy path, rules, fallback.
import type { Domain, Tracker } from '../../core/index.js';
import { ACTION_DEFAULT_FALLBACK } from '../../core/index.js';
import type { Policy, Prediction } from '../policy.js';
import type { TrainingTracker } from '../stories/index.js';
import type { RuleDecision, RuleInput } from './rule-decision.js';
import { decideByRules, decisionSource } from './rule-decision.js';
import { RuleMatcher } from './rule-matcher.js';
import type { RulePattern } from './rule-patterns.js';
import { buildRulePatterns } from './rule-patterns.js';
import { trackerStates } from './featurize.js';
import { rulesUsedInStories } from './rules-in-stories.js';

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

export interface RulePolicyData {
  name: 'RulePolicy';
  options: RulePolicyOptions;
  patterns: RulePattern[];
  /** decision sources some story also predicts; absent = not analysed (older models): nothing is hidden */
  sourcesInStories?: string[];
}

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

  /**
   * @param sourcesInStories the decisions stories also make; any other decision is a rule-only
   *   turn, logged with `hide_rule_turn` so memoization skips it. Undefined: hide nothing.
   */
  constructor(readonly options: RulePolicyOptions, patterns: readonly RulePattern[], private readonly sourcesInStories?: ReadonlySet<string>) {
    this.matcher = new RuleMatcher(patterns);
  }

  /** As Rasa, rule-only turns are only worked out when contradictions are checked. */
  static train(ruleTrackers: readonly TrainingTracker[], domain: Domain, options: RulePolicyOptions, storyTrackers: readonly TrainingTracker[] = []): RulePolicy {
    const patterns = buildRulePatterns(ruleTrackers, domain);
    const used = options.checkForContradictions ? rulesUsedInStories(storyTrackers, new RuleMatcher(patterns), domain) : undefined;
    return new RulePolicy(options, patterns, used);
  }

  static fromData(data: RulePolicyData): RulePolicy {
    const used = data.sourcesInStories ? new Set(data.sourcesInStories) : undefined;
    return new RulePolicy({ ...DEFAULT_RULE_POLICY_OPTIONS, ...data.options }, data.patterns, used);
  }

  get priority(): number { return this.options.priority; }

  /** The bare decision (no fallback), for training checks and tests. */
  decide(input: RuleInput): RuleDecision | undefined {
    return decideByRules(this.matcher, input);
  }

  predict(tracker: Tracker, domain: Domain): Prediction | undefined {
    const input = ruleInput(tracker, domain);
    const decision = this.decide(input);
    if (decision) {
      const p: Prediction = { action: decision.action, confidence: 1, policy: this.name, priority: this.priority, scores: { [decision.action]: 1 } };
      if (decision.source === 'loop') p.isNoUserPrediction = true;
      if (this.sourcesInStories && !this.sourcesInStories.has(decisionSource(decision, input))) p.hideRuleTurn = true;
      return p;
    }
    if (!this.options.enableFallbackPrediction) return undefined;
    const { coreFallbackActionName: action, coreFallbackThreshold: confidence } = this.options;
    return { action, confidence, policy: this.name, priority: this.priority, scores: { [action]: confidence } };
  }

  persist(): RulePolicyData {
    const data: RulePolicyData = { name: 'RulePolicy', options: { ...this.options }, patterns: [...this.matcher.patterns] };
    if (this.sourcesInStories) data.sourcesInStories = [...this.sourcesInStories].sort();
    return data;
  }
}
