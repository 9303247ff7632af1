// The prediction a processor step runs with: a policy's, a followup's or an explicit request's.
import type { Event } from '../../core/index.js';
import type { Prediction } from '../policy.js';

export interface StepPrediction {
  action: string;
  policy: string | null;
  confidence: number | null;
  /** events logged before the action (user_featurization, loop_interrupted); dropped on rejection */
  events: Event[];
  hideRuleTurn: boolean;
  isEndToEnd: boolean;
}

/** Rasa names the "policy" of a forced followup action after the followup constant. */
export const FOLLOWUP_POLICY = 'followup_action';

export function fromPolicyPrediction(p: Prediction): StepPrediction {
  return {
    action: p.action, policy: p.policy, confidence: p.confidence, events: [...(p.events ?? [])],
    hideRuleTurn: p.hideRuleTurn ?? false, isEndToEnd: p.isEndToEnd ?? false,
  };
}

export function forcedPrediction(action: string, opts: { policy?: string | null; confidence?: number | null } = {}): StepPrediction {
  return {
    action, policy: opts.policy ?? null, confidence: opts.confidence === undefined ? 1 : opts.confidence,
    events: [], hideRuleTurn: false, isEndToEnd: false,
  };
}
