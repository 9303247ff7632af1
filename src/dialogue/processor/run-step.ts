// Running one action inside a turn, with Rasa's handling of rejections and failures.
import type { Domain, Event } from '../../core/index.js';
import { ACTION_LISTEN, ACTION_SESSION_START, actionEvent, actionExecutionRejectedEvent } from '../../core/index.js';
import type { Action } from '../actions/action.js';
import { isActionRejection } from '../actions/action-errors.js';
import type { DialogueLogger } from '../actions/logger.js';
import type { StepPrediction } from './step-prediction.js';
import type { Turn } from './turn.js';

export interface StepEnv {
  domain: Domain;
  logger: DialogueLogger;
  /** action_extract_slots, re-run when an action returns a user event */
  extractSlots: (turn: Turn) => Promise<void>;
}

/** After these the bot waits for the user. */
export const endsPrediction = (name: string): boolean => name === ACTION_LISTEN || name === ACTION_SESSION_START;

/**
 * Runs `action` and logs `[prediction events] + action + its events`. A rejection logs
 * `action_execution_rejected` instead; any other failure logs the action without events.
 * Returns whether another action should be predicted.
 */
export async function runStep(turn: Turn, env: StepEnv, action: Action, prediction: StepPrediction): Promise<boolean> {
  const { tracker } = turn;
  const temp = tracker.copy().append(...prediction.events);
  let events: Event[];
  try {
    events = await action.run({ tracker: temp, domain: env.domain, channel: tracker.state.latestInputChannel });
  } catch (err) {
    if (isActionRejection(err)) {
      env.logger.info({ sender_id: tracker.senderId, action: action.name }, 'processor.action.rejected');
      await turn.log([actionExecutionRejectedEvent(action.name, prediction.policy, prediction.confidence)]);
      return !endsPrediction(action.name);
    }
    env.logger.error({ sender_id: tracker.senderId, action: action.name, err: (err as Error).message },
      'processor.action.failed: the bot continues, but the events of this action are lost');
    events = [];
  }
  const rejectedManually = events.some((e) => e.event === 'action_execution_rejected');
  const logged: Event[] = rejectedManually ? [] : [
    ...prediction.events,
    actionEvent(action.name, { policy: prediction.policy, confidence: prediction.confidence, hideRuleTurn: prediction.hideRuleTurn }),
  ];
  await turn.log([...logged, ...events]);
  if (events.some((e) => e.event === 'user')) await env.extractSlots(turn);
  return !endsPrediction(action.name);
}
