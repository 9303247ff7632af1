// Policy options from config.yml, validated strictly per policy (unknown key or type → CONFIG_INVALID).
import { z } from 'zod';
import type { ComponentConfig } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import type { MemoizationName, MemoizationOptions } from './memoization-policy.js';
import { MEMOIZATION_POLICY_PRIORITY } from './memoization-policy.js';
import type { RulePolicyOptions } from './rule-policy.js';
import { DEFAULT_RULE_POLICY_OPTIONS } from './rule-policy.js';

const memoizationSchema = z.object({
  name: z.string(),
  priority: z.number().int().optional(),
  max_history: z.number().int().positive().nullable().optional(),
  // accepted for Rasa compatibility; keys are uncompressed strings and confidence is always 1
  enable_feature_string_compression: z.boolean().optional(),
  use_nlu_confidence_as_score: z.boolean().optional(),
}).strict();

const rulePolicySchema = z.object({
  name: z.string(),
  priority: z.number().int().optional(),
  core_fallback_threshold: z.number().min(0).max(1).optional(),
  core_fallback_action_name: z.string().min(1).optional(),
  enable_fallback_prediction: z.boolean().optional(),
  restrict_rules: z.boolean().optional(),
  check_for_contradictions: z.boolean().optional(),
  use_nlu_confidence_as_score: z.boolean().optional(),
}).strict();

function parse<T>(schema: z.ZodType<T>, config: ComponentConfig, index: number): T {
  const result = schema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(policy)'}: ${i.message}`).join('; ');
  throw new ParleyError('CONFIG_INVALID', `config.yml policies[${index}] (${config.name}): ${problems}`, { details: { policy: config.name, index } });
}

export function memoizationOptions(config: ComponentConfig, index: number): MemoizationOptions {
  const c = parse(memoizationSchema, config, index);
  return { name: config.name as MemoizationName, priority: c.priority ?? MEMOIZATION_POLICY_PRIORITY, maxHistory: c.max_history ?? null };
}

export function rulePolicyOptions(config: ComponentConfig, index: number): RulePolicyOptions {
  const c = parse(rulePolicySchema, config, index);
  const d = DEFAULT_RULE_POLICY_OPTIONS;
  return {
    priority: c.priority ?? d.priority,
    coreFallbackThreshold: c.core_fallback_threshold ?? d.coreFallbackThreshold,
    coreFallbackActionName: c.core_fallback_action_name ?? d.coreFallbackActionName,
    enableFallbackPrediction: c.enable_fallback_prediction ?? d.enableFallbackPrediction,
    restrictRules: c.restrict_rules ?? d.restrictRules,
    checkForContradictions: c.check_for_contradictions ?? d.checkForContradictions,
  };
}
