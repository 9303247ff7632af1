// The trained policies of a model: the ensemble the turn processor asks, and what is persisted.
import type { Domain, Tracker } from '../../core/index.js';
import { ACTION_DEFAULT_FALLBACK } from '../../core/index.js';
import type { PolicyEnsemble, Prediction } from '../policy.js';
import { ensemblePredict } from './ensemble.js';
import type { PolicyData, TrainablePolicy } from './policy-registry.js';
import { RulePolicy } from './rule-policy.js';

export const POLICIES_FORMAT = 1;

export interface PoliciesData {
  format: number;
  policies: PolicyData[];
  warnings: string[];
}

export class TrainedPolicies implements PolicyEnsemble {
  constructor(readonly policies: readonly TrainablePolicy[], readonly warnings: readonly string[] = []) {}

  /** The action answered when no policy predicts anything: the configured core fallback. */
  get fallbackAction(): string {
    const rule = this.policies.find((p): p is RulePolicy => p instanceof RulePolicy);
    return rule?.options.coreFallbackActionName ?? ACTION_DEFAULT_FALLBACK;
  }

  predict(tracker: Tracker, domain: Domain): Prediction {
    return ensemblePredict(this.policies, tracker, domain, { fallbackAction: this.fallbackAction });
  }

  persist(): PoliciesData {
    return { format: POLICIES_FORMAT, policies: this.policies.map((p) => p.persist()), warnings: [...this.warnings] };
  }
}
