// How an action says "not me, not now" (Rasa's ActionExecutionRejection) versus "I broke".
import { ParleyError, isParleyError } from '../../errors.js';

/** The action declines to run: the processor logs `action_execution_rejected` and predicts again. */
export function actionRejected(actionName: string, message: string): ParleyError {
  return new ParleyError('ACTION_REJECTED', message, { details: { action_name: actionName } });
}

/** The action failed: the processor logs it as executed without events and the turn goes on. */
export function actionFailed(actionName: string, message: string, cause?: unknown): ParleyError {
  return new ParleyError('ACTION_FAILED', message, { cause, details: { action_name: actionName } });
}

export const isActionRejection = (e: unknown): boolean => isParleyError(e, 'ACTION_REJECTED');
