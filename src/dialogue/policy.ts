// The Policy interface: given the conversation so far, what should the bot do next?
import type { Domain, Event, Tracker } from '../core/index.js';

export interface Prediction {
  action: string;
  confidence: number;
  /** the policy's class name as Rasa reports it (RulePolicy, MemoizationPolicy, ...) */
  policy: string;
  priority: number;
  /** events the ensemble logs before the action (user_featurization, loop_interrupted) */
  events?: Event[];
  hideRuleTurn?: boolean;
  /** a loop happy-path prediction that does not depend on the user turn: beats everything */
  isNoUserPrediction?: boolean;
  isEndToEnd?: boolean;
  /** every action's score, for /predict */
  scores?: Record<string, number>;
}

export interface Policy {
  readonly name: string;
  readonly priority: number;
  predict(tracker: Tracker, domain: Domain): Prediction | undefined;
}

/** All policies together: always answers (the fallback action when nothing else does). */
export interface PolicyEnsemble {
  predict(tracker: Tracker, domain: Domain): Prediction;
}
