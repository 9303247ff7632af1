// The result of replaying test stories against the policies (rasa-compat §5.5).
import type { SourceRef } from '../../core/index.js';

export interface StoryFailure {
  /** index of the step in the (expanded) story; an implicit action_listen has the index of the user step it precedes */
  stepIndex: number;
  /** where the step was written, when known */
  source?: SourceRef;
  kind: 'action' | 'intent' | 'entities';
  expected: string;
  predicted: string;
  policy?: string | null;
  confidence?: number | null;
}

export interface StoryResult {
  name: string;
  source: SourceRef;
  passed: boolean;
  failures: StoryFailure[];
}

export interface Accuracy { correct: number; total: number; accuracy: number }

export interface StoryEvaluation {
  stories: StoryResult[];
  /** stories that passed completely */
  conversation: Accuracy;
  /** every predicted action (including the action_listen before each user turn) */
  actions: Accuracy;
  /** user turns whose intent (and entities, when given) NLU got right */
  intents: Accuracy;
  warnings: string[];
  /** the failed stories in Rasa's failed_test_stories.yml style */
  failedStoriesYaml(): string;
}

export const accuracy = (correct: number, total: number): Accuracy =>
  ({ correct, total, accuracy: total === 0 ? 1 : correct / total });
