// What the default actions need from their surroundings.
import type { ActionResolver } from '../action-resolver.js';
import type { DialogueLogger } from '../logger.js';

export interface BuiltinDeps {
  /** for actions that run other actions (two-stage fallback), so overridden defaults are honoured */
  actions: ActionResolver;
  random?: () => number;
  logger?: DialogueLogger;
}
