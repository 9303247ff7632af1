// A story with checkpoints and `or` steps resolved: one straight line of steps.
import type {
  ActionStep, ActiveLoopStep, BotStep, SlotWasSetStep, SourceRef, UserStep,
} from '../../core/index.js';

export type LinearStep = UserStep | ActionStep | BotStep | ActiveLoopStep | SlotWasSetStep;

export interface LinearStory {
  /** the story's name; joined stories read `a > b` */
  name: string;
  /** where the first story of the path was written */
  source: SourceRef;
  steps: LinearStep[];
  /** every story (name + source) this path was stitched from, in order */
  parts: { name: string; source: SourceRef }[];
  /** the path stops at an end checkpoint nothing continues (no final action_listen then) */
  endsAtCheckpoint: boolean;
}
