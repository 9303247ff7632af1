// Training the configured policies from stories and rules, and loading them back.
import type { ComponentConfig, Domain, Rule, Story } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { buildTrainingTrackers } from '../stories/index.js';
import type { TrainingTrackers } from '../stories/index.js';
import { contradictionsIn } from './contradictions.js';
import type { PolicyEntry, TrainablePolicy } from './policy-registry.js';
import { POLICY_REGISTRY, isPolicyName, policyFromData } from './policy-registry.js';
import { RuleMatcher } from './rule-matcher.js';
import { RulePolicy } from './rule-policy.js';
import type { PoliciesData } from './trained-policies.js';
import { POLICIES_FORMAT, TrainedPolicies } from './trained-policies.js';

/** Rasa's default policies (used when config.yml has none). */
export const DEFAULT_POLICY_CONFIGS: readonly ComponentConfig[] = [{ name: 'MemoizationPolicy' }, { name: 'RulePolicy' }];

export interface TrainPoliciesOptions {
  onProgress?: (stage: string, done: number, total: number) => void;
}

function entryFor(config: ComponentConfig, index: number): PolicyEntry {
  if (!isPolicyName(config.name)) {
    throw new ParleyError('CONFIG_INVALID', `config.yml policies[${index}]: unknown policy "${config.name}" (known: ${Object.keys(POLICY_REGISTRY).join(', ')})`);
  }
  return POLICY_REGISTRY[config.name];
}

function checkRestrictedRules(trackers: TrainingTrackers): void {
  const long = trackers.rules.filter((r) => r.userTurns > 1);
  if (long.length === 0) return;
  const list = long.map((r) => `'${r.name}' (${r.source.file}:${r.source.line})`).join(', ');
  throw new ParleyError('TRAINING_FAILED', `Found rules ${list} that contain more than one user message. Rules are not meant to hardcode a state machine: use stories for these cases (or set restrict_rules: false).`);
}

function checkContradictions(policy: RulePolicy, trackers: TrainingTrackers, domain: Domain): void {
  const found = contradictionsIn(trackers, new RuleMatcher(policy.persist().patterns), domain);
  if (found.length === 0) return;
  throw new ParleyError('TRAINING_FAILED', `Contradicting rules or stories found:\n${found.map((c) => c.message).join('\n')}`, {
    details: { contradictions: found },
  });
}

export async function trainPolicies(
  configs: readonly ComponentConfig[],
  data: { stories: readonly Story[]; rules: readonly Rule[]; domain: Domain },
  opts: TrainPoliciesOptions = {},
): Promise<TrainedPolicies> {
  const list = configs.length > 0 ? configs : DEFAULT_POLICY_CONFIGS;
  const entries = list.map((c, i) => entryFor(c, i)); // fail on config before any work
  const trackers = buildTrainingTrackers(data);
  const warnings = [...trackers.warnings];
  const policies: TrainablePolicy[] = [];
  for (const [i, entry] of entries.entries()) {
    const config = list[i] as ComponentConfig;
    opts.onProgress?.(config.name, i, list.length);
    if (entry.kind === 'untrained') { warnings.push(`${config.name} is accepted but not trained yet: predictions come from the other policies`); continue; }
    const policy = entry.train(config, i, { trackers, domain: data.domain });
    if (policy instanceof RulePolicy) {
      if (policy.options.restrictRules) checkRestrictedRules(trackers);
      if (policy.options.checkForContradictions) checkContradictions(policy, trackers, data.domain);
    }
    policies.push(policy);
    await Promise.resolve(); // let progress output flush between policies
  }
  opts.onProgress?.('done', list.length, list.length);
  return new TrainedPolicies(policies, warnings);
}

export function loadPolicies(data: PoliciesData, _domain: Domain): TrainedPolicies {
  if (typeof data !== 'object' || data === null || !Array.isArray(data.policies)) {
    throw new ParleyError('MODEL_INVALID', 'the model archive has no policies section');
  }
  if (data.format !== POLICIES_FORMAT) {
    throw new ParleyError('MODEL_INVALID', `policies format ${String(data.format)} is not ${POLICIES_FORMAT}: retrain with \`parley train\``);
  }
  try {
    return new TrainedPolicies(data.policies.map(policyFromData), data.warnings ?? []);
  } catch (cause) {
    throw new ParleyError('MODEL_INVALID', 'the model archive holds a policy this Parley cannot load', { cause });
  }
}
