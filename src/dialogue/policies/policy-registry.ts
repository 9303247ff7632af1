// Config name → how to train that policy. A typed literal map: no class loading by string.
import type { ComponentConfig, Domain } from '../../core/index.js';
import type { TrainingTrackers } from '../stories/index.js';
import type { MemoizationData } from './memoization-policy.js';
import { MemoizationPolicy } from './memoization-policy.js';
import { ruleOnlyData } from './ml-states.js';
import { memoizationOptions, rulePolicyOptions } from './policy-config.js';
import type { RulePolicyData } from './rule-policy.js';
import { RulePolicy } from './rule-policy.js';

export type PolicyData = MemoizationData | RulePolicyData;

export type TrainablePolicy = MemoizationPolicy | RulePolicy;

export interface TrainContext { trackers: TrainingTrackers; domain: Domain }

export type PolicyEntry =
  | { kind: 'trained'; train: (config: ComponentConfig, index: number, ctx: TrainContext) => TrainablePolicy }
  /** accepted for compatibility, not trained yet (a learned policy comes later) */
  | { kind: 'untrained' };

const memoization: PolicyEntry = {
  kind: 'trained',
  train: (config, index, ctx) => MemoizationPolicy.train(ctx.trackers.stories, ctx.domain, memoizationOptions(config, index), ruleOnlyData(ctx.trackers)),
};

export const POLICY_REGISTRY = {
  MemoizationPolicy: memoization,
  AugmentedMemoizationPolicy: memoization,
  RulePolicy: {
    kind: 'trained',
    train: (config, index, ctx) => RulePolicy.train(ctx.trackers.rules, ctx.domain, rulePolicyOptions(config, index), ctx.trackers.stories),
  },
  TEDPolicy: { kind: 'untrained' },
  UnexpecTEDIntentPolicy: { kind: 'untrained' },
} as const satisfies Record<string, PolicyEntry>;

export type PolicyName = keyof typeof POLICY_REGISTRY;

export const isPolicyName = (name: string): name is PolicyName => Object.hasOwn(POLICY_REGISTRY, name);

/** Rebuilds a persisted policy (exhaustive over the persisted kinds). */
export function policyFromData(data: PolicyData): TrainablePolicy {
  switch (data.name) {
    case 'RulePolicy': return RulePolicy.fromData(data);
    case 'MemoizationPolicy':
    case 'AugmentedMemoizationPolicy': return MemoizationPolicy.fromData(data);
    default: {
      const unknown: never = data;
      throw new Error(`unknown persisted policy ${(unknown as { name: string }).name}`);
    }
  }
}
